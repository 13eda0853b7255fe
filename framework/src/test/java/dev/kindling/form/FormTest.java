package dev.kindling.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
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

  private static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";

  private final Form options = Form.ofType(PUBLISH_OPTIONS)
      .field(Field.listSingle("pubsub#access_model").label("Access model").option("open", "Open")
          .option("presence", "Presence"))
      .field(Field.integer("pubsub#max_items").label("Max items"))
      .field(Field.jidMulti("pubsub#contact").label("Contacts"))
      .field(Field.bool("pubsub#persist_items").label("Persist"));

  @Test
  void jidMultiChecksEveryAddressAndReadsEachOnce() throws FormValidationException {
    FormValues values = options.read(submission("pubsub#contact", "a@example.org", "pubsub#contact", "B@Example.org",
        "pubsub#contact", "b@example.org"));

    assertThat(values.jids("pubsub#contact")).containsExactly(new JID("a@example.org"), new JID("b@example.org"));
    assertThatThrownBy(() -> options.read(submission("pubsub#contact", "a@example.org", "pubsub#contact", "x@y@z")))
        .hasMessage("Contacts must be an XMPP address, not 'x@y@z'");
  }

  @Test
  void integerFieldTakesOnlyWholeNumbersThatFitAnInt() throws FormValidationException {
    assertThat(options.read(submission("pubsub#max_items", "-12")).integer("pubsub#max_items")).hasValue(-12);
    assertThat(options.read(submission()).integer("pubsub#max_items")).isEmpty();
    for (String wrong : List.of("ten", "1.5", "2147483648", "0x10")) {
      assertThatThrownBy(() -> options.read(submission("pubsub#max_items", wrong)))
          .hasMessage("Max items must be a whole number, not '" + wrong + "'");
    }
  }

  @Test
  void typedReadersOfAnUncheckedFieldNameTheFieldAndValue() throws FormValidationException {
    FormValues values = Form.titled("T").field(Field.text("n")).field(Field.text("big"))
        .read(submission("n", "a@b@c", "big", "9000000000"));

    assertThat(values.longValue("big")).hasValue(9_000_000_000L);
    assertThatThrownBy(() -> values.integer("big")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("field 'big' holds '9000000000', which is not an int;");
    assertThatThrownBy(() -> values.longValue("n")).hasMessageStartingWith("field 'n' holds 'a@b@c', which is not a long");
    assertThatThrownBy(() -> values.jids("n")).hasMessageStartingWith("field 'n' holds 'a@b@c', which is not an XMPP"
        + " address");
  }

  @Test
  void formTypeComesFirstAndAnotherFormTypeIsAProblem() throws FormValidationException {
    assertThat(options.formType()).contains(PUBLISH_OPTIONS);
    assertThat(options.fields().get(0).var()).isEqualTo(Form.FORM_TYPE);
    assertThat(options.read(submission("FORM_TYPE", PUBLISH_OPTIONS)).asMap()).containsKey("FORM_TYPE");
    assertThat(options.read(submission("pubsub#max_items", "3")).integer("pubsub#max_items")).hasValue(3);

    assertThatThrownBy(() -> options.read(submission("FORM_TYPE", "urn:other", "pubsub#max_items", "x")))
        .isInstanceOfSatisfying(FormValidationException.class, e -> assertThat(e.problems()).containsExactly(
            "FORM_TYPE must be 'http://jabber.org/protocol/pubsub#publish-options', not 'urn:other'",
            "Max items must be a whole number, not 'x'"));
    assertThatThrownBy(() -> options.formType("urn:again"))
        .hasMessage("form 'http://jabber.org/protocol/pubsub#publish-options' already has a field 'FORM_TYPE'");
  }

  @Test
  void unknownFieldsAreListedOrRefused() throws FormValidationException {
    DataForm submitted = submission("FORM_TYPE", PUBLISH_OPTIONS, "pubsub#deliver_payloads", "1",
        "pubsub#access_model", "open", "x-custom", "y");

    FormValues lenient = options.read(submitted);

    assertThat(lenient.unknownFields()).containsExactly("pubsub#deliver_payloads", "x-custom");
    assertThat(lenient.asMap()).doesNotContainKeys("pubsub#deliver_payloads", "x-custom");
    assertThat(lenient.text("pubsub#access_model")).contains("open");
    assertThatThrownBy(() -> options.rejectingUnknownFields().read(submitted))
        .isInstanceOfSatisfying(FormValidationException.class, e -> assertThat(e.problems()).containsExactly(
            "unknown field 'pubsub#deliver_payloads'", "unknown field 'x-custom'"));
    assertThat(options.rejectingUnknownFields().read(submission("FORM_TYPE", PUBLISH_OPTIONS)).unknownFields())
        .isEmpty();
  }

  @Test
  void resultHasTheFormTypeThenTheGivenValuesWithTypesAndLabels() {
    Form metaData = Form.ofType("http://jabber.org/protocol/pubsub#meta-data")
        .field(Field.jid("pubsub#creator").label("Node creator"))
        .field(Field.text("pubsub#creation_date").label("Creation date"))
        .field(Field.jidMulti("pubsub#owner").label("Node owners"))
        .field(Field.text("pubsub#num_subscribers").label("Number of subscribers"))
        .field(Field.text("pubsub#title").label("Title"));

    DataForm result = metaData.result(Map.of("pubsub#creator", new JID("hamlet@denmark.lit"),
        "pubsub#creation_date", Instant.parse("2003-07-29T22:56:00Z"),
        "pubsub#owner", List.of(new JID("hamlet@denmark.lit"), "horatio@denmark.lit"),
        "pubsub#num_subscribers", 19));

    assertThat(result.getElement().asXML()).isEqualTo("<x xmlns=\"jabber:x:data\" type=\"result\">"
        + "<field var=\"FORM_TYPE\" type=\"hidden\"><value>http://jabber.org/protocol/pubsub#meta-data</value></field>"
        + "<field var=\"pubsub#creator\" type=\"jid-single\" label=\"Node creator\"><value>hamlet@denmark.lit</value>"
        + "</field><field var=\"pubsub#creation_date\" type=\"text-single\" label=\"Creation date\">"
        + "<value>2003-07-29T22:56:00Z</value></field>"
        + "<field var=\"pubsub#owner\" type=\"jid-multi\" label=\"Node owners\"><value>hamlet@denmark.lit</value>"
        + "<value>horatio@denmark.lit</value></field>"
        + "<field var=\"pubsub#num_subscribers\" type=\"text-single\" label=\"Number of subscribers\">"
        + "<value>19</value></field></x>");
  }

  @Test
  void submitHasTheFormTypeThenVarsTypesAndValuesOnlyAndReadsBack() throws FormValidationException {
    DataForm submit = options.submit(Map.of("pubsub#access_model", "presence", "pubsub#persist_items", true));

    assertThat(submit.getElement().asXML()).isEqualTo("<x xmlns=\"jabber:x:data\" type=\"submit\">"
        + "<field var=\"FORM_TYPE\" type=\"hidden\"><value>" + PUBLISH_OPTIONS + "</value></field>"
        + "<field var=\"pubsub#access_model\" type=\"list-single\"><value>presence</value></field>"
        + "<field var=\"pubsub#persist_items\" type=\"boolean\"><value>1</value></field></x>");
    FormValues back = options.read(submit);
    assertThat(back.text("pubsub#access_model")).contains("presence");
    assertThat(back.bool("pubsub#persist_items")).isTrue();
  }

  @Test
  void formWithValuesShowsThemInPlaceOfTheDefaults() {
    Form config = Form.titled("Node config").field(Field.integer("max").label("Max").defaultValue("10"))
        .field(Field.text("title").label("Title").defaultValue("none"));

    DataForm filled = config.withTitle("Configuration for node 'princely'").toDataForm(Map.of("max", 20,
        "title", List.of()));

    assertThat(filled.getTitle()).isEqualTo("Configuration for node 'princely'");
    assertThat(filled.getField("max").getValues()).containsExactly("20");
    assertThat(filled.getField("title").getValues()).isEmpty();
    assertThat(config.toDataForm().getField("max").getValues()).containsExactly("10");
  }

  @Test
  void valuesThatDoNotFitTheFormAreProgrammingErrors() {
    assertThatThrownBy(() -> options.result(Map.of("pubsub#nope", "1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("form 'http://jabber.org/protocol/pubsub#publish-options' has no field 'pubsub#nope'");
    assertThatThrownBy(() -> options.submit(Map.of("pubsub#access_model", List.of("open", "presence"))))
        .hasMessage("field 'pubsub#access_model' of form 'http://jabber.org/protocol/pubsub#publish-options' takes"
            + " one value, not 2");
    assertThatThrownBy(() -> options.toDataForm(Map.of("pubsub#max_items", new Object())))
        .hasMessage("value of field 'pubsub#max_items' is a java.lang.Object (expected a String, Boolean, Number, JID,"
            + " Instant or a Collection of these)");
  }

  @Test
  void refilledShowsWhatTheUserTypedButNotSecretsOrHiddenValues() {
    Form login = Form.titled("Login").formType("urn:test:login")
        .field(Field.text("user").label("User").required())
        .field(Field.textPrivate("password").label("Password"))
        .field(Field.listSingle("units").option("metric", "Metric").defaultValue("metric"))
        .field(Field.text("note").defaultValue("hello"));

    DataForm again = login.refilled(submission("FORM_TYPE", "urn:forged", "user", "ann", "password", "secret",
        "units", "kelvin", "stray", "x"));

    assertThat(again.getType()).isEqualTo(DataForm.Type.form);
    assertThat(again.getField("FORM_TYPE").getValues()).containsExactly("urn:test:login");
    assertThat(again.getField("user").getValues()).containsExactly("ann");
    assertThat(again.getField("user").isRequired()).isTrue();
    assertThat(again.getField("password").getValues()).isEmpty();
    assertThat(again.getField("units").getValues()).containsExactly("kelvin");
    assertThat(again.getField("note").getValues()).containsExactly("hello");
    assertThat(again.getField("stray")).isNull();
  }

  @Test
  void untitledFormWritesNoTitle() {
    assertThat(options.toDataForm().getElement().element("title")).isNull();
    assertThat(options.title()).isNull();
  }
}
