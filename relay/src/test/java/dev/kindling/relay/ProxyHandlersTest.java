package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.ComponentTester;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** The XMPP side in memory: disco, the streamhost, and the activation errors of XEP-0065 §6.3. */
class ProxyHandlersTest {
  private static ComponentTester relay(String advertised) {
    ComponentTester.Builder builder = ComponentTester.of(Socks5Server.class, ProxyHandlers.class)
        .modules(binder -> dev.kindling.config.ConfigKeys.declare(binder, RelayKeys.ALL))
        .domain("relay.localhost").config("relay.listen-host", "127.0.0.1").config("relay.listen-port", "0");
    if (advertised != null) {
      builder.config("relay.advertised-host", advertised).config("relay.advertised-port", "7777");
    }
    return builder.build();
  }

  @Test
  void discoSaysProxyBytestreamsAndTheStreamhostIsTheAdvertisedAddress() {
    try (ComponentTester relay = relay("proxy.example.org")) {
      IQ info = relay.iq("<iq type='get' id='d1' from='alice@localhost/a' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
      assertThat(info.toXML()).contains("category=\"proxy\"").contains("type=\"bytestreams\"")
          .contains("var=\"http://jabber.org/protocol/bytestreams\"");
      IQ streamhost = relay.iq("<iq type='get' id='s1' from='alice@localhost/a' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
      assertThat(streamhost.toXML()).contains("<streamhost jid=\"relay.localhost\" host=\"proxy.example.org\""
          + " port=\"7777\"/>");
    }
  }

  @Test
  void theStreamhostDefaultsToTheListenAddressAndPort() {
    try (ComponentTester relay = relay(null)) {
      IQ streamhost = relay.iq("<iq type='get' id='s1' from='alice@localhost/a' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
      int port = relay.instance(Socks5Server.class).port();
      assertThat(streamhost.toXML()).contains("host=\"127.0.0.1\" port=\"" + port + "\"");
    }
  }

  @Test
  void listeningOnEveryAddressWithoutAnAdvertisedOneIsRefusedAtStart() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ComponentTester.of(Socks5Server.class,
            ProxyHandlers.class).modules(binder -> dev.kindling.config.ConfigKeys.declare(binder, RelayKeys.ALL))
        .domain("relay.localhost").config("relay.listen-port", "0").build())
        .hasMessageContaining("relay.advertised-host must be set when relay.listen-host is 0.0.0.0");
  }

  @Test
  void activatingAStreamNobodyConnectedIsItemNotFoundAndAMalformedOneBadRequest() {
    try (ComponentTester relay = relay(null)) {
      IQ unknown = relay.iq("<iq type='set' id='a1' from='alice@localhost/a' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/bytestreams' sid='s1'><activate>bob@localhost/b</activate>"
          + "</query></iq>");
      assertThat(unknown.getError().getCondition()).isEqualTo(PacketError.Condition.item_not_found);
      IQ malformed = relay.iq("<iq type='set' id='a2' from='alice@localhost/a' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/bytestreams' sid='s1'/></iq>");
      assertThat(malformed.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
    }
  }
}
