package dev.kindling.form;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/**
 * One field of a {@link Form}: its variable, type (XEP-0004 §3.3), label, options, default values, and the
 * checks a submitted value must pass. Immutable: every method returns a changed copy.
 *
 * <pre>{@code Field.listSingle("units").label("Units").option("metric", "Metric").option("imperial", "Imperial")}</pre>
 */
public final class Field {
  private final String var;
  private final FormField.Type type;
  private final String label;
  private final String description;
  private final boolean required;
  private final Map<String, String> options;
  private final List<String> defaults;
  private final Predicate<String> rule;
  private final String ruleDescription;
  /** Whether each value must be a decimal integer that fits an {@code int}. */
  private final boolean integer;

  private Field(String var, FormField.Type type, boolean integer, String label, String description, boolean required,
      Map<String, String> options, List<String> defaults, Predicate<String> rule, String ruleDescription) {
    this.var = var;
    this.type = type;
    this.integer = integer;
    this.label = label;
    this.description = description;
    this.required = required;
    this.options = options;
    this.defaults = defaults;
    this.rule = rule;
    this.ruleDescription = ruleDescription;
  }

  private static Field of(String var, FormField.Type type) {
    return of(var, type, false);
  }

  private static Field of(String var, FormField.Type type, boolean integer) {
    Objects.requireNonNull(var, "var");
    if (var.isBlank() && type != FormField.Type.fixed) {
      throw new IllegalArgumentException("a " + type.toXMPP() + " field needs a var");
    }
    return new Field(var, type, integer, null, null, false, Map.of(), List.of(), null, null);
  }

  /** A one-line text field ({@code text-single}). */
  public static Field text(String var) {
    return of(var, FormField.Type.text_single);
  }

  /** A multi-line text field ({@code text-multi}); each line is a value. */
  public static Field textMulti(String var) {
    return of(var, FormField.Type.text_multi);
  }

  /** A password-like field whose value a client hides ({@code text-private}). */
  public static Field textPrivate(String var) {
    return of(var, FormField.Type.text_private);
  }

  /** A yes/no field ({@code boolean}). */
  public static Field bool(String var) {
    return of(var, FormField.Type.boolean_type);
  }

  /** A field holding one address ({@code jid-single}). */
  public static Field jid(String var) {
    return of(var, FormField.Type.jid_single);
  }

  /**
   * A one-line field ({@code text-single}) whose value must be a whole number that fits a Java {@code int},
   * such as XEP-0060's {@code pubsub#max_items}; read it with {@link FormValues#integer}.
   */
  public static Field integer(String var) {
    return of(var, FormField.Type.text_single, true);
  }

  /**
   * A field holding any number of addresses ({@code jid-multi}); read it with {@link FormValues#jids}, which drops
   * duplicates as XEP-0004 §3.3 asks.
   */
  public static Field jidMulti(String var) {
    return of(var, FormField.Type.jid_multi);
  }

  /** A choice of one option ({@code list-single}); add the options with {@link #option}. */
  public static Field listSingle(String var) {
    return of(var, FormField.Type.list_single);
  }

  /** A choice of any number of options ({@code list-multi}). */
  public static Field listMulti(String var) {
    return of(var, FormField.Type.list_multi);
  }

  /** A value the client returns unchanged ({@code hidden}), such as a FORM_TYPE. */
  public static Field hidden(String var, String value) {
    return of(var, FormField.Type.hidden).defaultValue(value);
  }

  /** A label the client shows ({@code fixed}); it has no var and is never submitted. */
  public static Field fixed(String text) {
    return of("", FormField.Type.fixed).defaultValue(text);
  }

  /** This field with a label for people. */
  public Field label(String label) {
    return new Field(var, type, integer, label, description, required, options, defaults, rule, ruleDescription);
  }

  /** This field with a longer description. */
  public Field description(String description) {
    return new Field(var, type, integer, label, description, required, options, defaults, rule, ruleDescription);
  }

  /** This field, which a submission must fill. */
  public Field required() {
    return new Field(var, type, integer, label, description, true, options, defaults, rule, ruleDescription);
  }

  /** This field with one more option; a submitted value must be one of the options. */
  public Field option(String value, String optionLabel) {
    Map<String, String> more = new LinkedHashMap<>(options);
    more.put(value, optionLabel);
    return new Field(var, type, integer, label, description, required, more, defaults, rule, ruleDescription);
  }

  /** This field with default values shown in the form. */
  public Field defaultValue(String... values) {
    return new Field(var, type, integer, label, description, required, options, List.of(values), rule, ruleDescription);
  }

  /**
   * This field with a check every submitted value must pass.
   *
   * @param whatItMustBe completes "{label} must be …" in the message to the user, such as {@code a 5-digit code}
   */
  public Field validate(Predicate<String> check, String whatItMustBe) {
    return new Field(var, type, integer, label, description, required, options, defaults, check, whatItMustBe);
  }

  /** The variable name. */
  public String var() {
    return var;
  }

  /** The XEP-0004 type. */
  public FormField.Type type() {
    return type;
  }

  /** The label, or the var when there is none, for messages. */
  public String displayName() {
    return label == null ? var : label;
  }

  /** Whether a submission must fill it. */
  public boolean isRequired() {
    return required;
  }

  /** The options, value to label. */
  public Map<String, String> options() {
    return options;
  }

  /** The default values shown in the form. */
  public List<String> defaults() {
    return defaults;
  }

  /** Whether it takes more than one value ({@code list-multi}, {@code text-multi}, {@code jid-multi}). */
  public boolean isMultiValued() {
    return type == FormField.Type.list_multi || type == FormField.Type.text_multi || type == FormField.Type.jid_multi;
  }

  /**
   * Writes this field into {@code form} with {@code values}: with its label, description, required flag and
   * options in a {@code form}, with its label in a {@code result}, with its var and type only in a {@code submit}
   * (XEP-0004 §3.2).
   */
  void addTo(DataForm form, List<String> values) {
    DataForm.Type kind = form.getType();
    FormField field = form.addField(var.isEmpty() ? null : var,
        kind == DataForm.Type.submit ? null : label, type);
    if (kind == DataForm.Type.form) {
      if (description != null) {
        field.setDescription(description);
      }
      if (required) {
        field.setRequired(true);
      }
      options.forEach((value, optionLabel) -> field.addOption(optionLabel, value));
    }
    values.forEach(field::addValue);
  }

  /** The problems with {@code values} submitted for this field; empty when they are fine. */
  List<String> check(List<String> values) {
    List<String> problems = new ArrayList<>();
    if (values.isEmpty() || values.size() == 1 && values.get(0).isEmpty()) {
      if (required) {
        problems.add(displayName() + " is required");
      }
      return problems;
    }
    if (!isMultiValued() && values.size() > 1) {
      problems.add(displayName() + " takes one value, not " + values.size());
    }
    for (String value : values) {
      if (!options.isEmpty() && !options.containsKey(value)) {
        problems.add(displayName() + " must be one of " + String.join(", ", options.keySet()) + ", not '" + value + "'");
      } else if (type == FormField.Type.boolean_type && FormValues.parseBoolean(value) == null) {
        problems.add(displayName() + " must be true or false, not '" + value + "'");
      } else if ((type == FormField.Type.jid_single || type == FormField.Type.jid_multi)
          && FormValues.parseJid(value) == null) {
        problems.add(displayName() + " must be an XMPP address, not '" + value + "'");
      } else if (integer && FormValues.parseInt(value) == null) {
        problems.add(displayName() + " must be a whole number, not '" + value + "'");
      } else if (rule != null && !rule.test(value)) {
        problems.add(displayName() + " must be " + ruleDescription);
      }
    }
    return problems;
  }
}
