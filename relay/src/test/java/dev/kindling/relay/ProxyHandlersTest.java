package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.config.ConfigKeys;
import dev.kindling.testkit.ComponentTester;
import java.net.Socket;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

/** The XMPP side in memory: disco, the streamhost, who may use the relay, the activation errors, the counters. */
class ProxyHandlersTest {
  private static ComponentTester.Builder builder() {
    return ComponentTester.of(Socks5Server.class, ProxyHandlers.class, RelayStats.class)
        .modules(binder -> ConfigKeys.declare(binder, RelayKeys.ALL)).domain("relay.localhost")
        .config("relay.listen-host", "127.0.0.1").config("relay.listen-port", "0").config("admins", "admin@localhost");
  }

  private static ComponentTester relay(String advertised) {
    ComponentTester.Builder builder = builder();
    if (advertised != null) {
      builder.config("relay.advertised-hosts", advertised).config("relay.advertised-port", "7777");
    }
    return builder.build();
  }

  private static IQ activate(ComponentTester relay, String from, String sid, String target) {
    return relay.iq("<iq type='set' id='a1' from='" + from + "' to='relay.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/bytestreams' sid='" + sid + "'><activate>" + target
        + "</activate></query></iq>");
  }

  @Test
  void discoSaysProxyBytestreamsAndTheStreamhostIsTheAdvertisedAddress() {
    try (ComponentTester relay = relay("proxy.example.org,2001:db8::5")) {
      IQ info = relay.iq("<iq type='get' id='d1' from='alice@localhost/a' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");
      assertThat(info.toXML()).contains("category=\"proxy\"").contains("type=\"bytestreams\"")
          .contains("var=\"http://jabber.org/protocol/bytestreams\"");
      IQ streamhost = relay.iq("<iq type='get' id='s1' from='alice@localhost/a' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
      assertThat(streamhost.toXML()).contains("<streamhost jid=\"relay.localhost\" host=\"proxy.example.org\""
          + " port=\"7777\"/>").contains("<streamhost jid=\"relay.localhost\" host=\"2001:db8::5\" port=\"7777\"/>");
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
    assertThatThrownBy(() -> builder().config("relay.listen-host", "0.0.0.0").build())
        .hasMessageContaining("relay.advertised-hosts must be set when relay.listen-host is 0.0.0.0");
    assertThatThrownBy(() -> builder().config("relay.listen-host", "::0").build())
        .hasMessageContaining("relay.advertised-hosts must be set when relay.listen-host is ::0");
    assertThatThrownBy(() -> builder().config("relay.listen-host", "no-such-host.invalid").build())
        .hasMessageContaining("relay.listen-host = 'no-such-host.invalid' is not an address of this machine");
  }

  @Test
  void usersOfOtherDomainsAreForbiddenUnlessAllowed() {
    try (ComponentTester relay = relay(null)) {
      IQ query = relay.iq("<iq type='get' id='s1' from='mallory@elsewhere.example/m' to='relay.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/bytestreams'/></iq>");
      assertThat(query.getError().getCondition()).isEqualTo(PacketError.Condition.forbidden);
      assertThat(activate(relay, "mallory@elsewhere.example/m", "s1", "bob@localhost/b").getError().getCondition())
          .isEqualTo(PacketError.Condition.forbidden);
      assertThat(relay.instance(RelayCounters.class).get(RelayCounters.Count.NOT_PERMITTED)).isEqualTo(2);
      assertThat(activate(relay, "alice@muc.localhost/a", "s1", "bob@localhost/b").getError().getCondition())
          .as("a subdomain of the server's").isEqualTo(PacketError.Condition.item_not_found);
      assertThat(activate(relay, "eve@evillocalhost/e", "s1", "bob@localhost/b").getError().getCondition())
          .as("a domain that only ends like the server's").isEqualTo(PacketError.Condition.forbidden);
    }
    try (ComponentTester relay = builder().config("relay.allow", "partner.example").build()) {
      assertThat(activate(relay, "carol@partner.example/c", "s1", "bob@localhost/b").getError().getCondition())
          .isEqualTo(PacketError.Condition.item_not_found);
      assertThat(activate(relay, "alice@localhost/a", "s1", "bob@localhost/b").getError().getCondition())
          .as("local is not in the list").isEqualTo(PacketError.Condition.forbidden);
    }
    try (ComponentTester relay = builder().config("relay.allow", "everyone").build()) {
      assertThat(activate(relay, "mallory@elsewhere.example/m", "s1", "bob@localhost/b").getError().getCondition())
          .isEqualTo(PacketError.Condition.item_not_found);
    }
  }

  @Test
  void anActivationWithOneSideConnectedIsNotAllowedAndWithBothActivates() throws Exception {
    try (ComponentTester relay = relay(null)) {
      int port = relay.instance(Socks5Server.class).port();
      String hash = ProxyHandlers.hash("s1", "alice@localhost/a", "bob@localhost/b");
      try (Socket target = Socks5TestClient.connect(port, hash)) {
        assertThat(activate(relay, "alice@localhost/a", "s1", "bob@localhost/b").getError().getCondition())
            .isEqualTo(PacketError.Condition.not_allowed);
        try (Socket initiator = Socks5TestClient.connect(port, hash)) {
          assertThat(activate(relay, "bob@localhost/b", "s1", "bob@localhost/b").getError().getCondition())
              .as("anyone but the initiator finds no such stream").isEqualTo(PacketError.Condition.item_not_found);
          assertThat(activate(relay, "alice@localhost/a", "s1", "BOB@localhost/b").getType())
              .as("the target is prepared before hashing").isEqualTo(IQ.Type.result);
          initiator.getOutputStream().write(42);
          assertThat(target.getInputStream().read()).isEqualTo(42);
        }
      }
      IQ stats = relay.iq("<iq type='set' id='c1' from='admin@localhost/x' to='relay.localhost'>"
          + "<command xmlns='http://jabber.org/protocol/commands' node='stats' action='execute'/></iq>");
      assertThat(stats.toXML()).containsPattern("var=\"transfers\"[^>]*><value>1</value>")
          .containsPattern("var=\"active-transfers\"[^>]*><value>0</value>");
      IQ refused = relay.iq("<iq type='set' id='c2' from='alice@localhost/a' to='relay.localhost'>"
          + "<command xmlns='http://jabber.org/protocol/commands' node='stats' action='execute'/></iq>");
      assertThat(refused.getError()).as("stats are for the admins").isNotNull();
    }
  }

  @Test
  void activationErrorsParseInSmack() throws Exception {
    try (ComponentTester relay = relay(null)) {
      IQ error = activate(relay, "alice@localhost/a", "s1", "bob@localhost/b");
      assertThat(org.jivesoftware.smack.util.PacketParserUtils.parseStanza(error.toXML()).getError().getCondition())
          .as("Smack 4.4 closes its connection on an error that echoes the activation's <query>")
          .isEqualTo(org.jivesoftware.smack.packet.StanzaError.Condition.item_not_found);
    }
  }

  @Test
  void aTargetThatIsNoJidIsJidMalformed() {
    try (ComponentTester relay = relay(null)) {
      assertThat(activate(relay, "alice@localhost/a", "s1", "a@b@c").getError().getCondition())
          .isEqualTo(PacketError.Condition.jid_malformed);
    }
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
