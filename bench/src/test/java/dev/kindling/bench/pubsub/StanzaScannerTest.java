package dev.kindling.bench.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StanzaScannerTest {
  private static final String STREAM = """
      <message from="pubsub.bench.localhost" to="a@bench.localhost" type="headline" id="kps-1"><event \
      xmlns="http://jabber.org/protocol/pubsub#event"><items node="n"><item id="i1"><entry \
      xmlns="http://www.w3.org/2005/Atom"><title>t</title></entry></item></items></event></message>\
      <iq type="result" id="7" from="pubsub.bench.localhost" to="u@bench.localhost/bench"/>\
      <message to="b@bench.localhost"><event/></message>\
      <iq type="error" id="8"><pubsub xmlns="http://jabber.org/protocol/pubsub"/><error type="cancel">\
      <item-not-found xmlns="urn:ietf:params:xml:ns:xmpp-stanzas"/></error></iq>""";

  @Test
  void countsMessagesAndHandsOnWholeIqsHoweverTheBytesAreSplit() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    for (int split = 1; split < bytes.length; split += 7) {
      StanzaScanner scanner = new StanzaScanner();
      List<String> iqs = new ArrayList<>();
      StanzaScanner.Sink sink = (xml, length, truncated) -> iqs.add(new String(xml, 0, length,
          StandardCharsets.UTF_8));
      for (int at = 0; at < bytes.length; at += split) {
        byte[] part = java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + split));
        scanner.scan(part, part.length, sink);
      }

      assertThat(scanner.messages()).as("split every %d bytes", split).isEqualTo(2);
      assertThat(iqs).as("split every %d bytes", split).containsExactly(
          "<iq type=\"result\" id=\"7\" from=\"pubsub.bench.localhost\" to=\"u@bench.localhost/bench\"/>",
          STREAM.substring(STREAM.indexOf("<iq type=\"error\"")));
    }
  }

  @Test
  void noticesAStreamError() {
    StanzaScanner scanner = new StanzaScanner();
    byte[] bytes = "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
        .getBytes(StandardCharsets.UTF_8);

    scanner.scan(bytes, bytes.length, (xml, length, truncated) -> { });

    assertThat(scanner.sawStreamError()).isTrue();
  }

  @Test
  void readsAnAttributeInEitherQuotesAndNotAsPartOfAnother() {
    String tag = "<iq subid='x' id=\"42\" type='result'";

    assertThat(ServiceStream.attribute(tag, "id")).isEqualTo("42");
    assertThat(ServiceStream.attribute(tag, "type")).isEqualTo("result");
    assertThat(ServiceStream.attribute(tag, "to")).isNull();
  }
}
