package dev.kindling.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.StreamError.Condition;

class StanzaParserTest {
  private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
      + " xmlns:stream='http://etherx.jabber.org/streams' from='echo.localhost' id='3BF96D32'>";

  private final RecordingListener listener = new RecordingListener();
  private final StanzaParser parser = new StanzaParser(new StreamLimits(4096, 8), listener);

  private void feed(String xml) throws IOException {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    parser.feed(bytes, 0, bytes.length);
  }

  private void feedByteByByte(String xml) throws IOException {
    for (byte b : xml.getBytes(StandardCharsets.UTF_8)) {
      parser.feed(new byte[] {b}, 0, 1);
    }
  }

  @Test
  void streamHeaderGivesIdFromAndContentNamespace() throws IOException {
    feed(HEADER);

    assertThat(listener.headers).containsExactly(new StreamHeader("3BF96D32", "echo.localhost", "jabber:component:accept"));
  }

  @Test
  void severalStanzasInOneReadArriveInOrder() throws IOException {
    feed(HEADER + "<message to='a@b' id='1'><body>one</body></message>"
        + "<iq type='get' id='2'><ping xmlns='urn:xmpp:ping'/></iq>  \n<presence id='3'/>");

    assertThat(listener.elements).extracting(Element::getName).containsExactly("message", "iq", "presence");
    assertThat(listener.elements).extracting(e -> e.attributeValue("id")).containsExactly("1", "2", "3");
  }

  @Test
  void stanzaArrivingOneByteAtATimeIsTheSameAsInOneRead() throws IOException {
    String stanza = "<message to='a@b' from='c@d/r' type='chat' id='x1'><body>hello &amp; &lt;world&gt;</body>"
        + "<active xmlns='http://jabber.org/protocol/chatstates'/></message>";

    feedByteByByte(HEADER + stanza);

    assertThat(listener.headers).hasSize(1);
    Message message = new Message(listener.elements.get(0), true);
    assertThat(message.getBody()).isEqualTo("hello & <world>");
    assertThat(message.getChildElement("active", "http://jabber.org/protocol/chatstates")).isNotNull();
    assertThat(message.getFrom().toString()).isEqualTo("c@d/r");
  }

  @Test
  void stanzasLoseTheStreamNamespaceAndChildrenKeepTheirs() throws IOException {
    feed(HEADER + "<iq type='set' id='p1' to='pubsub.localhost'>"
        + "<pubsub xmlns='http://jabber.org/protocol/pubsub' xmlns:x='urn:example:x'>"
        + "<publish node='n' x:flag='yes'><item id='i'><entry xmlns='http://www.w3.org/2005/Atom'>t</entry></item>"
        + "</publish></pubsub></iq>");

    Element iq = listener.elements.get(0);
    assertThat(iq.getNamespaceURI()).isEmpty();
    IQ packet = new IQ(iq, true);
    Element pubsub = packet.getChildElement();
    assertThat(pubsub.getNamespaceURI()).isEqualTo("http://jabber.org/protocol/pubsub");
    Element publish = pubsub.element("publish");
    assertThat(publish.getNamespaceURI()).isEqualTo("http://jabber.org/protocol/pubsub");
    assertThat(publish.attributeValue(org.dom4j.QName.get("flag", "x", "urn:example:x"))).isEqualTo("yes");
    assertThat(publish.element("item").element("entry").getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
    assertThat(iq.asXML()).startsWith("<iq type=\"set\"")
        .contains("<pubsub xmlns=\"http://jabber.org/protocol/pubsub\" xmlns:x=\"urn:example:x\">")
        .contains("x:flag=\"yes\"");
  }

  @Test
  void directChildrenInTheStreamNamespaceLoseItToo() throws IOException {
    feed(HEADER + "<message xmlns='jabber:component:accept'><body>b</body><thread>t</thread></message>");

    Element message = listener.elements.get(0);
    assertThat(message.getNamespaceURI()).isEmpty();
    assertThat(message.element("body").getNamespaceURI()).isEmpty();
    assertThat(message.asXML()).isEqualTo("<message><body>b</body><thread>t</thread></message>");
  }

  @Test
  void nonAsciiTextSurvivesMultiByteCharactersSplitAcrossReads() throws IOException {
    String text = "Grüße, Δέλτα, 日本語, 🔥";
    feedByteByByte(HEADER + "<message id='u'><body>" + text + "</body></message>");

    assertThat(new Message(listener.elements.get(0), true).getBody()).isEqualTo(text);
  }

  @Test
  void closingTagEndsTheStream() throws IOException {
    feed(HEADER + "<presence/></stream:stream>");

    assertThat(listener.elements).hasSize(1);
    assertThat(listener.closed).isTrue();
    assertThat(parser.isClosed()).isTrue();
  }

  @Test
  void streamErrorKeepsItsNamespaceForTinder() throws IOException {
    feed(HEADER + "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");

    Element error = listener.elements.get(0);
    assertThat(error.getNamespaceURI()).isEqualTo(XmppNamespaces.STREAMS);
    assertThat(new org.xmpp.packet.StreamError(error).getCondition()).isEqualTo(Condition.not_authorized);
  }

  @Test
  void doctypeIsRefusedAsRestrictedXml() {
    String bomb = "<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
        + "<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
        + "<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
        + "<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams' id='1'>"
        + "<message><body>&lol3;</body></message>";

    assertThatThrownBy(() -> feed(bomb))
        .isInstanceOfSatisfying(StreamErrorException.class, e -> {
          assertThat(e.condition()).isEqualTo(Condition.restricted_xml);
          assertThat(e.sentByPeer()).isFalse();
        })
        .hasMessageContaining("DTD");
    assertThat(listener.headers).isEmpty();
  }

  @Test
  void externalEntityIsNeverResolved() {
    String xxe = "<?xml version='1.0'?><!DOCTYPE s [<!ENTITY xxe SYSTEM 'file:///etc/passwd'>]>" + HEADER.substring(21)
        + "<message><body>&xxe;</body></message>";

    assertThatThrownBy(() -> feed(xxe)).isInstanceOfSatisfying(StreamErrorException.class,
        e -> assertThat(e.condition()).isEqualTo(Condition.restricted_xml));
    assertThat(listener.elements).isEmpty();
  }

  @Test
  void undeclaredEntityReferenceEndsTheStream() throws IOException {
    feed(HEADER);

    assertThatThrownBy(() -> feed("<message><body>&lol;</body></message>"))
        .isInstanceOf(StreamErrorException.class);
    assertThat(listener.elements).isEmpty();
  }

  @Test
  void commentsAreRestricted() throws IOException {
    feed(HEADER);

    assertThatThrownBy(() -> feed("<!-- hi -->")).isInstanceOfSatisfying(StreamErrorException.class,
        e -> assertThat(e.condition()).isEqualTo(Condition.restricted_xml));
  }

  @Test
  void processingInstructionsAreRestricted() throws IOException {
    feed(HEADER);

    assertThatThrownBy(() -> feed("<?evil instruction?>")).isInstanceOfSatisfying(StreamErrorException.class,
        e -> assertThat(e.condition()).isEqualTo(Condition.restricted_xml));
  }

  @Test
  void feedReadsOnlyTheGivenRangeOfTheBuffer() throws IOException {
    feed(HEADER);
    byte[] buffer = "<message id='before'/><presence id='ok'/><message id='after'/>".getBytes(StandardCharsets.UTF_8);

    parser.feed(buffer, 22, 19);

    assertThat(listener.xml()).containsExactly("<presence id=\"ok\"/>");
  }

  @Test
  void topLevelElementInAnotherNamespaceIsNotAStanza() throws IOException {
    feed(HEADER + "<x:message xmlns:x='urn:evil'/><stream:message/>");

    for (Element element : listener.elements) {
      assertThatThrownBy(() -> Stanzas.toPacket(element)).isInstanceOfSatisfying(StreamErrorException.class,
          e -> assertThat(e.condition()).isEqualTo(Condition.unsupported_stanza_type));
    }
    assertThat(listener.elements).hasSize(2);
  }

  @Test
  void stanzaOverTheLimitInOneReadIsAPolicyViolation() throws IOException {
    feed(HEADER);

    assertThatThrownBy(() -> feed("<message><body>" + "x".repeat(5000) + "</body></message>"))
        .isInstanceOfSatisfying(StreamErrorException.class,
            e -> assertThat(e.condition()).isEqualTo(Condition.policy_violation))
        .hasMessageContaining("larger than 4096 bytes");
    assertThat(listener.elements).isEmpty();
  }

  @Test
  void endlessStanzaIsCutOffOnceTheLimitIsPassedNotWhenItEnds() throws IOException {
    feed(HEADER + "<message><body>");
    byte[] chunk = "y".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    long fedBeforeError = 0;
    try {
      for (int i = 0; i < 100_000; i++) {
        parser.feed(chunk, 0, chunk.length);
        fedBeforeError += chunk.length;
      }
    } catch (StreamErrorException e) {
      assertThat(e.condition()).isEqualTo(Condition.policy_violation);
    }

    assertThat(fedBeforeError).isLessThanOrEqualTo(4096);
  }

  @Test
  void stanzaJustUnderTheLimitPasses() throws IOException {
    feed(HEADER);
    String stanza = "<message><body>" + "z".repeat(4000) + "</body></message>";

    feed(stanza);

    assertThat(listener.elements).hasSize(1);
  }

  @Test
  void nestingDeeperThanTheLimitIsAPolicyViolation() throws IOException {
    feed(HEADER);

    assertThatThrownBy(() -> feed("<message>" + "<a>".repeat(8)))
        .isInstanceOfSatisfying(StreamErrorException.class,
            e -> assertThat(e.condition()).isEqualTo(Condition.policy_violation))
        .hasMessageContaining("deeper than 8");
  }

  @Test
  void brokenXmlIsNotWellFormed() throws IOException {
    feed(HEADER);

    assertThatThrownBy(() -> feed("<message><body>x</message>"))
        .isInstanceOfSatisfying(StreamErrorException.class,
            e -> assertThat(e.condition()).isEqualTo(Condition.not_well_formed));
  }

  @Test
  void aRootOtherThanStreamIsInvalidNamespace() {
    assertThatThrownBy(() -> feed("<html xmlns='http://www.w3.org/1999/xhtml'>"))
        .isInstanceOfSatisfying(StreamErrorException.class,
            e -> assertThat(e.condition()).isEqualTo(Condition.invalid_namespace));
  }

  @Test
  void textBetweenStanzasIsBadFormat() throws IOException {
    feed(HEADER);

    assertThatThrownBy(() -> feed("hello<presence/>"))
        .isInstanceOfSatisfying(StreamErrorException.class,
            e -> assertThat(e.condition()).isEqualTo(Condition.bad_format));
  }
}
