package dev.kindling.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.dispatch.ErrorReplies;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

class StanzaErrorExceptionTest {
  private static final String PUBSUB_ERRORS = "http://jabber.org/protocol/pubsub#errors";

  private static Element unsupported(String feature) {
    return DocumentHelper.createElement(QName.get("unsupported", PUBSUB_ERRORS)).addAttribute("feature", feature);
  }

  private static String wire(Element element) {
    return element.asXML();
  }

  @Test
  void policyViolationIsSentByItsRfc6120NameThoughTinderHasNone() {
    Element tooMany = DocumentHelper.createElement(QName.get("too-many-subscriptions", PUBSUB_ERRORS));
    StanzaErrorException error = StanzaErrorException.policyViolation(PacketError.Type.wait, "at most 10", tooMany);

    assertThat(error.conditionName()).isEqualTo("policy-violation");
    assertThat(error.withType(PacketError.Type.modify).conditionName()).isEqualTo("policy-violation");
    assertThat(wire(error.toPacketError().getElement())).isEqualTo("<error type=\"wait\">"
        + "<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
        + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\">at most 10</text>"
        + "<too-many-subscriptions xmlns=\"" + PUBSUB_ERRORS + "\"/></error>");
  }

  @Test
  void applicationConditionKeepsItsAttributesInTheOrderOfRfc6120() {
    StanzaErrorException error = StanzaErrorException.withApplicationCondition(
        PacketError.Condition.feature_not_implemented, "publishing is not supported", unsupported("publish"));

    assertThat(wire(error.toPacketError().getElement())).isEqualTo("<error type=\"cancel\">"
        + "<feature-not-implemented xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
        + "<text xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\">publishing is not supported</text>"
        + "<unsupported xmlns=\"http://jabber.org/protocol/pubsub#errors\" feature=\"publish\"/></error>");
  }

  @Test
  void withoutTextThereIsNoTextElement() {
    StanzaErrorException error = new StanzaErrorException(PacketError.Condition.feature_not_implemented, null,
        unsupported("publish"));

    assertThat(wire(error.toPacketError().getElement())).isEqualTo("<error type=\"cancel\">"
        + "<feature-not-implemented xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
        + "<unsupported xmlns=\"http://jabber.org/protocol/pubsub#errors\" feature=\"publish\"/></error>");
  }

  @Test
  void applicationConditionKeepsItsChildrenAndText() {
    Element condition = DocumentHelper.createElement(QName.get("detail", "urn:example:errors"));
    condition.addElement("reason").addAttribute("code", "7").setText("over quota");

    PacketError error = new StanzaErrorException(PacketError.Condition.not_acceptable, "too big", condition)
        .toPacketError();

    assertThat(error.getApplicationConditionName()).isEqualTo("detail");
    assertThat(wire(error.getElement())).endsWith("<detail xmlns=\"urn:example:errors\"><reason code=\"7\">over quota"
        + "</reason></detail></error>");
  }

  @Test
  void theTypeIsTheConditionsDefaultUnlessChosen() {
    StanzaErrorException byDefault = new StanzaErrorException(PacketError.Condition.not_acceptable, "no");
    StanzaErrorException chosen = new StanzaErrorException(PacketError.Condition.feature_not_implemented,
        PacketError.Type.wait, "paused", unsupported("publish"));
    StanzaErrorException retyped = byDefault.withType(PacketError.Type.cancel);

    assertThat(byDefault.type()).isEqualTo(PacketError.Type.modify);
    assertThat(byDefault.toPacketError().getType()).isEqualTo(PacketError.Type.modify);
    assertThat(chosen.toPacketError().getType()).isEqualTo(PacketError.Type.wait);
    assertThat(chosen.toPacketError().getCondition()).isEqualTo(PacketError.Condition.feature_not_implemented);
    assertThat(retyped.toPacketError().getType()).isEqualTo(PacketError.Type.cancel);
    assertThat(retyped.getMessage()).isEqualTo("no");
    assertThat(retyped.condition()).isEqualTo(PacketError.Condition.not_acceptable);
  }

  @Test
  void theConditionElementIsCopiedSoLaterChangesDoNotLeakIn() {
    Element condition = unsupported("publish");
    StanzaErrorException error = StanzaErrorException.withApplicationCondition(
        PacketError.Condition.feature_not_implemented, "no", condition);
    condition.addAttribute("feature", "retract");
    error.applicationCondition().orElseThrow().addAttribute("feature", "purge");

    assertThat(error.applicationCondition().orElseThrow().attributeValue("feature")).isEqualTo("publish");
    assertThat(error.toPacketError().getElement().element("unsupported").attributeValue("feature"))
        .isEqualTo("publish");
  }

  @Test
  void eachPacketErrorIsNewSoOneExceptionCanAnswerTwice() throws Exception {
    StanzaErrorException error = StanzaErrorException.withApplicationCondition(
        PacketError.Condition.feature_not_implemented, "no", unsupported("publish"));
    IQ first = new IQ(DocumentHelper.parseText("<iq type='set' id='a' from='x@y/z' to='c.y'/>").getRootElement());
    IQ second = new IQ(DocumentHelper.parseText("<iq type='set' id='b' from='x@y/z' to='c.y'/>").getRootElement());

    IQ firstReply = (IQ) ErrorReplies.to(first, error.toPacketError());
    IQ secondReply = (IQ) ErrorReplies.to(second, error.toPacketError());

    assertThat(firstReply.getError().getApplicationConditionNamespaceURI()).isEqualTo(PUBSUB_ERRORS);
    assertThat(secondReply.getError().getElement().element("unsupported").attributeValue("feature"))
        .isEqualTo("publish");
  }

  @Test
  void anApplicationConditionInTheStanzasNamespaceIsRefused() {
    Element wrong = DocumentHelper.createElement(QName.get("gone", "urn:ietf:params:xml:ns:xmpp-stanzas"));

    assertThatThrownBy(() -> new StanzaErrorException(PacketError.Condition.bad_request, "x", wrong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("application condition <gone/> is in urn:ietf:params:xml:ns:xmpp-stanzas; an application"
            + " condition needs the application's namespace (RFC 6120 §8.3.2)");
  }

  @Test
  void theTwoArgumentConstructorStillMakesAPlainError() {
    PacketError error = new StanzaErrorException(PacketError.Condition.item_not_found, "no node 'weather'")
        .toPacketError();

    assertThat(error.getCondition()).isEqualTo(PacketError.Condition.item_not_found);
    assertThat(error.getType()).isEqualTo(PacketError.Type.cancel);
    assertThat(error.getText()).isEqualTo("no node 'weather'");
    assertThat(error.getApplicationConditionName()).isNull();
  }
}
