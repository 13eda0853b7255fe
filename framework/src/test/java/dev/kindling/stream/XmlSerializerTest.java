package dev.kindling.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.StreamError;

class XmlSerializerTest {
  private static String xml(Element element) {
    StringBuilder out = new StringBuilder();
    new XmlSerializer().write(element, out);
    return out.toString();
  }

  @Test
  void stanzaInheritsTheStreamNamespaceAndChildrenDeclareTheirs() {
    IQ iq = new IQ(IQ.Type.result, "r1");
    iq.setTo("alice@localhost/phone");
    Element query = iq.setChildElement("query", "jabber:iq:version");
    query.addElement("name").setText("Kindling");

    assertThat(xml(iq.getElement())).isEqualTo("<iq type=\"result\" id=\"r1\" to=\"alice@localhost/phone\">"
        + "<query xmlns=\"jabber:iq:version\"><name>Kindling</name></query></iq>");
  }

  @Test
  void textAndAttributesAreEscaped() {
    Message message = new Message();
    message.setTo("a@b/\"r\"");
    message.setBody("1 < 2 & 3 > 2 \"quoted\"\nline\r");

    assertThat(xml(message.getElement())).isEqualTo("<message to=\"a@b/&quot;r&quot;\"><body>1 &lt; 2 &amp; 3 &gt; 2"
        + " \"quoted\"\nline&#13;</body></message>");
  }

  @Test
  void prefixedNamespacesAndAttributesAreDeclaredOnce() {
    Element pubsub = DocumentHelper.createElement(QName.get("pubsub", "http://jabber.org/protocol/pubsub"));
    Element item = pubsub.addElement("publish").addAttribute("node", "n").addElement("item");
    item.addAttribute(QName.get("flag", "x", "urn:example:x"), "yes");
    item.addElement(QName.get("entry", "http://www.w3.org/2005/Atom")).setText("t");

    assertThat(xml(pubsub)).isEqualTo("<pubsub xmlns=\"http://jabber.org/protocol/pubsub\"><publish node=\"n\">"
        + "<item xmlns:x=\"urn:example:x\" x:flag=\"yes\"><entry xmlns=\"http://www.w3.org/2005/Atom\">t</entry>"
        + "</item></publish></pubsub>");
  }

  @Test
  void elementInNoNamespaceUnderADefaultNamespaceResetsIt() {
    Element query = DocumentHelper.createElement(QName.get("query", "urn:example"));
    query.add(DocumentHelper.createElement("plain"));

    assertThat(xml(query)).isEqualTo("<query xmlns=\"urn:example\"><plain xmlns=\"\"/></query>");
  }

  @Test
  void errorsAndStreamErrorsKeepTheirNamespaces() {
    IQ error = new IQ(IQ.Type.error, "e1");
    error.setError(new PacketError(PacketError.Condition.item_not_found));

    assertThat(xml(error.getElement())).isEqualTo("<iq type=\"error\" id=\"e1\"><error code=\"404\" type=\"cancel\">"
        + "<item-not-found xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error></iq>");
    assertThat(xml(new StreamError(StreamError.Condition.policy_violation).getElement()))
        .isEqualTo("<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\"><policy-violation"
            + " xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/></stream:error>");
  }

  @Test
  void whatItWritesParsesBackToTheSameStanza() throws Exception {
    Message message = new Message();
    message.setTo("bob@localhost");
    message.setBody("Grüße 🔥 <&>");
    message.addChildElement("x", "jabber:x:data").addAttribute("type", "result");

    String written = xml(message.getElement());

    assertThat(xml(DocumentHelper.parseText(written).getRootElement())).isEqualTo(written);
    assertThat(new Message(DocumentHelper.parseText(written).getRootElement()).getBody()).isEqualTo("Grüße 🔥 <&>");
  }

  @Test
  void copiesOfATemplateDifferOnlyInTheirEscapedTo() {
    StanzaWriter writer = new StanzaWriter();
    org.xmpp.packet.Message template = new org.xmpp.packet.Message();
    template.setFrom("pubsub.localhost");
    template.setTo("replaced@localhost");
    template.setBody("5 < 6");

    writer.writeCopies(template.getElement(), java.util.List.of("a@localhost/x\"y", "b&c@localhost"));

    assertThat(java.nio.charset.StandardCharsets.UTF_8.decode(writer.take()).toString()).isEqualTo(
        "<message from=\"pubsub.localhost\" to=\"a@localhost/x&quot;y\"><body>5 &lt; 6</body></message>"
        + "<message from=\"pubsub.localhost\" to=\"b&amp;c@localhost\"><body>5 &lt; 6</body></message>");
  }
}
