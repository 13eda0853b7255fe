package dev.kindling.disco;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Feature;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.testkit.ComponentTester;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

class DiscoAndBuiltinsTest {
  @Identity(category = "component", type = "generic", name = "Weather")
  @Identity(category = "directory", type = "chatroom", name = "Stations")
  @Feature("urn:test:weather#forecast")
  static final class Weather implements DiscoProvider {
    @IqHandler(element = "query", namespace = "urn:test:weather")
    void query() {}

    @MessageHandler(namespace = "urn:test:alert")
    void alert(Message message) {}

    @Override
    public Optional<EntityInfo> info(DiscoQuery query) {
      if (query.isForDomain()) {
        DataForm form = new DataForm(DataForm.Type.result);
        form.addField("FORM_TYPE", null, FormField.Type.hidden).addValue("urn:test:weather:info");
        form.addField("stations", null, FormField.Type.text_single).addValue("3");
        return Optional.of(new EntityInfo(List.of(), List.of(), List.of(form)));
      }
      return "paris".equals(query.node())
          ? Optional.of(new EntityInfo(List.of(new DiscoIdentity("directory", "chatroom", "Paris")), List.of()))
          : Optional.empty();
    }

    @Override
    public List<DiscoItem> items(DiscoQuery query) {
      return query.node() == null ? List.of(new DiscoItem(new JID("weather.localhost"), "paris", "Paris")) : List.of();
    }
  }

  private static final Instant NOW = Instant.parse("2026-11-27T12:34:56.789Z");

  private static ComponentTester.Builder weather() {
    return ComponentTester.of(Weather.class).domain("weather.localhost").modules(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Clock.class).toInstance(Clock.fixed(NOW, ZoneOffset.UTC));
      }
    });
  }

  private static IQ get(ComponentTester tester, String child) {
    return tester.iq("<iq type='get' id='d1' from='alice@localhost/r' to='weather.localhost'>" + child + "</iq>");
  }

  private static List<String> attributes(Element query, String element, String attribute) {
    return query.elements(element).stream().map(e -> e.attributeValue(attribute)).toList();
  }

  @Test
  void discoInfoListsExactlyTheIdentitiesAndTheHandledFeatures() {
    try (ComponentTester tester = weather().build()) {
      Element query = get(tester, "<query xmlns='http://jabber.org/protocol/disco#info'/>").getChildElement();

      assertThat(attributes(query, "identity", "name")).containsExactly("Weather", "Stations");
      assertThat(attributes(query, "feature", "var")).containsExactly(
          "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items",
          "jabber:iq:last", "jabber:iq:version", "urn:test:alert", "urn:test:weather",
          "urn:test:weather#forecast", "urn:xmpp:ping", "urn:xmpp:time");
      Element form = query.element(org.dom4j.QName.get("x", "jabber:x:data"));
      assertThat(new DataForm(form).getField("stations").getFirstValue()).isEqualTo("3");
    }
  }

  @Test
  void switchedOffBuiltinsLeaveDiscoAndAreUnavailable() {
    try (ComponentTester tester = weather().config("builtins.version", "false").config("builtins.time", "off").build()) {
      Element query = get(tester, "<query xmlns='http://jabber.org/protocol/disco#info'/>").getChildElement();

      assertThat(attributes(query, "feature", "var")).doesNotContain("jabber:iq:version", "urn:xmpp:time")
          .contains("urn:xmpp:ping");
      assertThat(get(tester, "<query xmlns='jabber:iq:version'/>").getError().getCondition())
          .isEqualTo(PacketError.Condition.service_unavailable);
    }
  }

  @Test
  void discoItemsAndNodeInfoComeFromTheProvider() {
    try (ComponentTester tester = weather().build()) {
      Element items = get(tester, "<query xmlns='http://jabber.org/protocol/disco#items'/>").getChildElement();
      Element node = get(tester, "<query xmlns='http://jabber.org/protocol/disco#info' node='paris'/>")
          .getChildElement();
      IQ unknown = get(tester, "<query xmlns='http://jabber.org/protocol/disco#info' node='mars'/>");

      assertThat(attributes(items, "item", "node")).containsExactly("paris");
      assertThat(node.attributeValue("node")).isEqualTo("paris");
      assertThat(attributes(node, "identity", "name")).containsExactly("Paris");
      assertThat(unknown.getError().getCondition()).isEqualTo(PacketError.Condition.item_not_found);
    }
  }

  @Test
  void pingVersionTimeAndLastAnswer() {
    try (ComponentTester tester = weather().config("software.name", "Weather").config("software.version", "2.1")
        .build()) {
      assertThat(get(tester, "<ping xmlns='urn:xmpp:ping'/>").getType()).isEqualTo(IQ.Type.result);

      Element version = get(tester, "<query xmlns='jabber:iq:version'/>").getChildElement();
      assertThat(version.elementText("name")).isEqualTo("Weather");
      assertThat(version.elementText("version")).isEqualTo("2.1");
      assertThat(version.element("os")).isNull();

      Element time = get(tester, "<time xmlns='urn:xmpp:time'/>").getChildElement();
      assertThat(time.elementText("utc")).isEqualTo("2026-11-27T12:34:56.789Z");
      assertThat(time.elementText("tzo")).isEqualTo("+00:00");

      Element last = get(tester, "<query xmlns='jabber:iq:last'/>").getChildElement();
      assertThat(last.attributeValue("seconds")).isEqualTo("0");
    }
  }
}
