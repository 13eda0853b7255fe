package dev.kindling.form;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

/**
 * A form (XEP-0004): title, instructions and fields, optionally scoped by a FORM_TYPE (XEP-0068). Immutable and
 * reusable: the same definition is sent to be filled ({@code type='form'}), reads and checks what comes back
 * ({@code type='submit'}), and writes results ({@code type='result'}) and submissions of one's own.
 *
 * <pre>{@code
 * Form city = Form.titled("Register a city")
 *     .instructions("Which city should the service report on?")
 *     .field(Field.text("city").label("City").required())
 *     .field(Field.listSingle("units").label("Units").option("metric", "Metric").option("imperial", "Imperial"));
 * DataForm wire = city.toDataForm();
 * FormValues values = city.read(submitted);   // throws FormValidationException listing every problem
 *
 * Form options = Form.ofType("http://jabber.org/protocol/pubsub#publish-options")
 *     .field(Field.listSingle("pubsub#access_model").option("open", "Open").option("presence", "Presence"))
 *     .rejectingUnknownFields();
 * DataForm publishOptions = options.submit(Map.of("pubsub#access_model", "presence"));  // XEP-0060 §7.1.5
 * }</pre>
 */
public final class Form {
  /** The var of the field that names a form's type (XEP-0068). */
  public static final String FORM_TYPE = "FORM_TYPE";

  private final String title;
  private final List<String> instructions;
  private final List<Field> fields;
  private final boolean rejectUnknown;

  private Form(String title, List<String> instructions, List<Field> fields, boolean rejectUnknown) {
    this.title = title;
    this.instructions = List.copyOf(instructions);
    this.fields = List.copyOf(fields);
    this.rejectUnknown = rejectUnknown;
  }

  /** An empty form with a title. */
  public static Form titled(String title) {
    return new Form(Objects.requireNonNull(title, "title"), List.of(), List.of(), false);
  }

  /**
   * An untitled form scoped by {@code formType}: its first field is the hidden {@code FORM_TYPE} (XEP-0068), as
   * in XEP-0060's {@code pubsub#meta-data} results and {@code pubsub#publish-options} submissions.
   */
  public static Form ofType(String formType) {
    return new Form(null, List.of(), List.of(), false).formType(formType);
  }

  /** This form with another title, such as one naming the node a configuration form is for. */
  public Form withTitle(String newTitle) {
    return new Form(Objects.requireNonNull(newTitle, "title"), instructions, fields, rejectUnknown);
  }

  /** This form with one more line of instructions. */
  public Form instructions(String line) {
    List<String> more = new ArrayList<>(instructions);
    more.add(line);
    return new Form(title, more, fields, rejectUnknown);
  }

  /**
   * This form scoped by {@code formType}: the hidden {@code FORM_TYPE} field goes first, and {@link #read} refuses
   * a submission that names another FORM_TYPE (XEP-0068).
   *
   * @throws IllegalArgumentException if the form already has a FORM_TYPE
   */
  public Form formType(String formType) {
    Objects.requireNonNull(formType, "formType");
    requireNewVar(FORM_TYPE);
    List<Field> more = new ArrayList<>();
    more.add(Field.hidden(FORM_TYPE, formType));
    more.addAll(fields);
    return new Form(title, instructions, more, rejectUnknown);
  }

  /**
   * This form with one more field.
   *
   * @throws IllegalArgumentException if a field with that var is already there
   */
  public Form field(Field field) {
    if (!field.var().isEmpty()) {
      requireNewVar(field.var());
    }
    List<Field> more = new ArrayList<>(fields);
    more.add(field);
    return new Form(title, instructions, more, rejectUnknown);
  }

  /**
   * This form, whose {@link #read} counts each submitted var it does not have as a problem ({@code unknown field
   * 'x'}), as XEP-0060 needs for {@code pubsub#} options it does not support. Without it, such vars are ignored
   * and listed in {@link FormValues#unknownFields()}.
   */
  public Form rejectingUnknownFields() {
    return new Form(title, instructions, fields, true);
  }

  /** The title, or {@code null} for an untitled form. */
  public String title() {
    return title;
  }

  /** The FORM_TYPE, if the form has one. */
  public Optional<String> formType() {
    return Optional.ofNullable(formTypeField()).map(field -> field.defaults().get(0));
  }

  /** The fields, in order. */
  public List<Field> fields() {
    return fields;
  }

  /** The form as a {@code <x xmlns='jabber:x:data' type='form'>} to send, with each field's default values. */
  public DataForm toDataForm() {
    return render(DataForm.Type.form, Map.of(), true);
  }

  /**
   * The form to fill with {@code values} in place of the defaults of those fields, such as a node's current
   * configuration (XEP-0060 §8.2.1). A var mapped to an empty collection shows no value.
   *
   * @param values var to value: a {@code String}, {@code Boolean} ({@code 1}/{@code 0}), {@code Number},
   *     {@link JID}, {@link Instant} (XEP-0082), or a {@code Collection} of these for a multi-valued field
   * @throws IllegalArgumentException if a var is not a field of this form, a value is of another type, or a
   *     single-valued field is given several
   */
  public DataForm toDataForm(Map<String, ?> values) {
    return render(DataForm.Type.form, encode(values), true);
  }

  /**
   * A result of this form ({@code type='result'}, XEP-0004 §3.1): the FORM_TYPE, then each field given a value,
   * with its type and label, as in XEP-0060's {@code pubsub#meta-data} (§5.4).
   *
   * @param values as for {@link #toDataForm(Map)}
   * @throws IllegalArgumentException as {@link #toDataForm(Map)} does
   */
  public DataForm result(Map<String, ?> values) {
    return render(DataForm.Type.result, encode(values), false);
  }

  /**
   * A submission of this form ({@code type='submit'}), as a client or a component sends one: the FORM_TYPE, then
   * each field given a value, with its var and type, such as XEP-0060's {@code <publish-options/>} (§7.1.5).
   *
   * @param values as for {@link #toDataForm(Map)}
   * @throws IllegalArgumentException as {@link #toDataForm(Map)} does
   */
  public DataForm submit(Map<String, ?> values) {
    return render(DataForm.Type.submit, encode(values), false);
  }

  /**
   * The form to fill again after {@code submitted} failed its checks, showing the values the user had typed in
   * place of the defaults: for every visible field but {@code text-private} ones, whose secrets are not sent back.
   * Submitted vars the form does not have are left out; the values are not checked.
   */
  public DataForm refilled(DataForm submitted) {
    Map<String, List<String>> typed = submittedValues(submitted);
    Map<String, List<String>> shown = new HashMap<>();
    for (Field field : fields) {
      FormField.Type type = field.type();
      boolean visible = type != FormField.Type.fixed && type != FormField.Type.hidden
          && type != FormField.Type.text_private;
      if (visible && typed.containsKey(field.var())) {
        shown.put(field.var(), typed.get(field.var()));
      }
    }
    return render(DataForm.Type.form, shown, true);
  }

  /**
   * Reads a submission of this form, checking every field: the FORM_TYPE, if the submission has one, is this
   * form's; required ones filled; values among the options; booleans, integers and addresses well-formed;
   * custom checks passed; and, for a form {@link #rejectingUnknownFields()}, no var the form does not have. A
   * submission without a FORM_TYPE is read as this form's.
   *
   * @param submitted the submission, or {@code null}, which reads as empty
   * @throws FormValidationException listing every problem, if there is any
   */
  public FormValues read(DataForm submitted) throws FormValidationException {
    Map<String, List<String>> values = submittedValues(submitted);
    List<String> problems = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>();
    Field formType = formTypeField();
    for (Field field : fields) {
      if (field.type() == FormField.Type.fixed) {
        continue;
      }
      known.add(field.var());
      if (field == formType) {
        formTypeProblem(values.get(FORM_TYPE)).ifPresent(problems::add);
      } else {
        problems.addAll(field.check(values.getOrDefault(field.var(), List.of())));
      }
    }
    Set<String> unknown = new LinkedHashSet<>(values.keySet());
    unknown.removeAll(known);
    unknown.remove(FORM_TYPE);
    if (rejectUnknown) {
      unknown.forEach(var -> problems.add("unknown field '" + var + "'"));
    }
    if (!problems.isEmpty()) {
      throw new FormValidationException(problems);
    }
    values.keySet().retainAll(known);
    return new FormValues(values, unknown);
  }

  private Optional<String> formTypeProblem(List<String> submittedType) {
    String expected = formType().orElseThrow();
    if (submittedType == null || submittedType.isEmpty() || submittedType.equals(List.of(expected))) {
      return Optional.empty();
    }
    return Optional.of("FORM_TYPE must be '" + expected + "', not '" + String.join("', '", submittedType) + "'");
  }

  /** The hidden FORM_TYPE field with its value, or {@code null}. */
  private Field formTypeField() {
    for (Field field : fields) {
      if (field.var().equals(FORM_TYPE) && field.type() == FormField.Type.hidden && !field.defaults().isEmpty()) {
        return field;
      }
    }
    return null;
  }

  private static Map<String, List<String>> submittedValues(DataForm submitted) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (submitted != null) {
      for (FormField field : submitted.getFields()) {
        if (field.getVariable() != null) {
          values.put(field.getVariable(), List.copyOf(field.getValues()));
        }
      }
    }
    return values;
  }

  /**
   * Writes the form. A {@code form} has every field, with {@code values} in place of defaults; a {@code result}
   * or {@code submit} has the FORM_TYPE and the fields {@code values} has.
   */
  private DataForm render(DataForm.Type type, Map<String, List<String>> values, boolean everyField) {
    DataForm form = new DataForm(type);
    if (type != DataForm.Type.submit) {
      if (title != null) {
        form.setTitle(title);
      }
      instructions.forEach(form::addInstruction);
    }
    Field formType = formTypeField();
    for (Field field : fields) {
      List<String> given = values.get(field.var());
      if (given != null) {
        field.addTo(form, given);
      } else if (everyField || field == formType) {
        field.addTo(form, field.defaults());
      }
    }
    return form;
  }

  private Map<String, List<String>> encode(Map<String, ?> values) {
    Map<String, List<String>> encoded = new HashMap<>();
    values.forEach((var, value) -> {
      Field field = fields.stream().filter(candidate -> candidate.var().equals(var)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("form " + name() + " has no field '" + var + "'"));
      List<String> strings = new ArrayList<>();
      if (value instanceof Collection<?> many) {
        many.forEach(one -> strings.add(encode(var, one)));
      } else {
        strings.add(encode(var, value));
      }
      if (!field.isMultiValued() && strings.size() > 1) {
        throw new IllegalArgumentException("field '" + var + "' of form " + name() + " takes one value, not "
            + strings.size());
      }
      encoded.put(var, List.copyOf(strings));
    });
    return encoded;
  }

  private static String encode(String var, Object value) {
    if (value instanceof CharSequence || value instanceof Number || value instanceof JID) {
      return value.toString();
    }
    if (value instanceof Boolean bool) {
      return bool ? "1" : "0";
    }
    if (value instanceof Instant instant) {
      return instant.toString();
    }
    throw new IllegalArgumentException("value of field '" + var + "' is a "
        + (value == null ? "null" : value.getClass().getName())
        + " (expected a String, Boolean, Number, JID, Instant or a Collection of these)");
  }

  private void requireNewVar(String var) {
    if (fields.stream().anyMatch(existing -> existing.var().equals(var))) {
      throw new IllegalArgumentException("form " + name() + " already has a field '" + var + "'");
    }
  }

  /** How messages name the form: its title, else its FORM_TYPE. */
  private String name() {
    return title != null ? "'" + title + "'" : formType().map(type -> "'" + type + "'").orElse("(untitled)");
  }
}
