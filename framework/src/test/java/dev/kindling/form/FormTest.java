package dev.kindling.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;

class FormTest {
  private final Form form = Form.titled("Subscribe")
      .instructions("Choose what to receive.")
      .field(Field.text("name").label("Name").required())
      .field(Field.listMulti("topics").label("Topics").option("rain", "Rain").option("sun", "Sun"))
      .field(Field.bool("daily").label("Daily"))
      .field(Field.jid("notify").label("Notify"))
      .field(Field.hidden("FORM_TYPE", "urn:test:subscribe"));

  private static DataForm submission(String... fields) {
    DataForm submitted = new DataForm(DataForm.Type.submit);
    for (int i = 0; i < fields.length; i += 2) {
      FormField field = submitted.getField(fields[i]);
      (field == null ? submitted.addField(fields[i], null, null) : field).addValue(fields[i + 1]);
    }
    return submitted;
  }

  @Test
  void formIsWrittenAsXep0004() {
    String xml = form.toDataForm().getElement().asXML();

    assertThat(xml).startsWith("<x xmlns=\"jabber:x:data\" type=\"form\"><title>Subscribe</title>"
        + "<instructions>Choose what to receive.</instructions>")
        .contains("<field var=\"name\" type=\"text-single\" label=\"Name\"><required/></field>")
        .contains("<option label=\"Rain\"><value>rain</value></option>")
        .contains("<field var=\"FORM_TYPE\" type=\"hidden\"><value>urn:test:subscribe</value></field>");
  }

  @Test
  void goodSubmissionReadsByType() throws FormValidationException {
    FormValues values = form.read(submission("name", "Ann", "topics", "rain", "topics", "sun", "daily", "1",
        "notify", "ann@example.org", "unknown", "ignored"));

    assertThat(values.text("name")).contains("Ann");
    assertThat(values.list("topics")).containsExactly("rain", "sun");
    assertThat(values.bool("daily")).isTrue();
    assertThat(values.jid("notify")).contains(new JID("ann@example.org"));
    assertThat(values.asMap()).doesNotContainKey("unknown");
  }

  @Test
  void everyProblemIsReportedOnce() {
    assertThatThrownBy(() -> form.read(submission("topics", "snow", "daily", "perhaps", "notify", "a@b@c")))
        .isInstanceOfSatisfying(FormValidationException.class, e -> assertThat(e.problems()).containsExactly(
            "Name is required",
            "Topics must be one of rain, sun, not 'snow'",
            "Daily must be true or false, not 'perhaps'",
            "Notify must be an XMPP address, not 'a@b@c'"));
  }

  @Test
  void customCheckAndSingleValueAreEnforced() {
    Form zip = Form.titled("Zip").field(Field.text("zip").label("ZIP").validate(v -> v.matches("\\d{5}"), "five digits"));

    assertThatThrownBy(() -> zip.read(submission("zip", "12a45"))).hasMessage("ZIP must be five digits");
    assertThatThrownBy(() -> zip.read(submission("zip", "12345", "zip", "54321")))
        .hasMessage("ZIP takes one value, not 2");
  }

  @Test
  void duplicateFieldIsAProgrammingError() {
    assertThatThrownBy(() -> form.field(Field.text("name")))
        .hasMessage("form 'Subscribe' already has a field 'name'");
  }
}
