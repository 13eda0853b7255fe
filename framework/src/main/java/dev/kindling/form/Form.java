package dev.kindling.form;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/**
 * A form to fill (XEP-0004): title, instructions and fields. Immutable and reusable.
 *
 * <pre>{@code
 * Form city = Form.titled("Register a city")
 *     .instructions("Which city should the service report on?")
 *     .field(Field.text("city").label("City").required())
 *     .field(Field.listSingle("units").label("Units").option("metric", "Metric").option("imperial", "Imperial"));
 * DataForm wire = city.toDataForm();
 * FormValues values = city.read(submitted);   // throws FormValidationException listing every problem
 * }</pre>
 */
public final class Form {
  private final String title;
  private final List<String> instructions;
  private final List<Field> fields;

  private Form(String title, List<String> instructions, List<Field> fields) {
    this.title = title;
    this.instructions = List.copyOf(instructions);
    this.fields = List.copyOf(fields);
  }

  /** An empty form with a title. */
  public static Form titled(String title) {
    return new Form(title, List.of(), List.of());
  }

  /** This form with one more line of instructions. */
  public Form instructions(String line) {
    List<String> more = new ArrayList<>(instructions);
    more.add(line);
    return new Form(title, more, fields);
  }

  /**
   * This form with one more field.
   *
   * @throws IllegalArgumentException if a field with that var is already there
   */
  public Form field(Field field) {
    if (!field.var().isEmpty() && fields.stream().anyMatch(existing -> existing.var().equals(field.var()))) {
      throw new IllegalArgumentException("form '" + title + "' already has a field '" + field.var() + "'");
    }
    List<Field> more = new ArrayList<>(fields);
    more.add(field);
    return new Form(title, instructions, more);
  }

  /** The title. */
  public String title() {
    return title;
  }

  /** The fields, in order. */
  public List<Field> fields() {
    return fields;
  }

  /** The form as a {@code <x xmlns='jabber:x:data' type='form'>} to send. */
  public DataForm toDataForm() {
    DataForm form = new DataForm(DataForm.Type.form);
    form.setTitle(title);
    instructions.forEach(form::addInstruction);
    fields.forEach(field -> field.addTo(form));
    return form;
  }

  /**
   * Reads a submission of this form, checking every field: required ones filled, values among the options,
   * booleans and addresses well-formed, custom checks passed. Vars the form does not have are ignored.
   *
   * @throws FormValidationException listing every problem, if there is any
   */
  public FormValues read(DataForm submitted) throws FormValidationException {
    Map<String, List<String>> values = new HashMap<>();
    if (submitted != null) {
      for (FormField field : submitted.getFields()) {
        if (field.getVariable() != null) {
          values.put(field.getVariable(), List.copyOf(field.getValues()));
        }
      }
    }
    List<String> problems = new ArrayList<>();
    Set<String> known = new HashSet<>();
    for (Field field : fields) {
      if (field.type() == FormField.Type.fixed) {
        continue;
      }
      known.add(field.var());
      problems.addAll(field.check(values.getOrDefault(field.var(), List.of())));
    }
    if (!problems.isEmpty()) {
      throw new FormValidationException(problems);
    }
    values.keySet().retainAll(known);
    return new FormValues(values);
  }
}
