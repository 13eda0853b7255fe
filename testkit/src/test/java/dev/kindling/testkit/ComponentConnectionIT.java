package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kindling.connection.ComponentConnection;
import dev.kindling.connection.ComponentSettings;
import dev.kindling.connection.ConnectionState;
import dev.kindling.stream.StreamErrorException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

class ComponentConnectionIT {
  private static final Duration WAIT = Duration.ofSeconds(15);

  /** Connects a component that echoes message bodies and answers every IQ request with an empty result. */
  private static ComponentConnection echo(ComponentSettings settings) throws Exception {
    ComponentConnection connection = new ComponentConnection(settings);
    connection.connect(packet -> connection.send(answer(packet)));
    return connection;
  }

  private static Packet answer(Packet packet) {
    if (packet instanceof org.xmpp.packet.IQ iq) {
      return org.xmpp.packet.IQ.createResultIQ(iq);
    }
    org.xmpp.packet.Message in = (org.xmpp.packet.Message) packet;
    org.xmpp.packet.Message out = new org.xmpp.packet.Message();
    out.setTo(in.getFrom());
    out.setFrom(in.getTo());
    out.setType(in.getType());
    out.setBody("echo: " + in.getBody());
    return out;
  }

  private static void assertEchoes(XmppServer server, String componentDomain) throws Exception {
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      Jid component = JidCreate.from(componentDomain);
      Message reply = alice.chat(component, "hello from smack");

      assertThat(reply.getType()).isEqualTo(Message.Type.chat);
      assertThat(reply.getBody()).isEqualTo("echo: hello from smack");

      IQ pong = alice.connection().sendIqRequestAndWaitForResponse(new Ping(component));
      assertThat(pong.getType()).isEqualTo(IQ.Type.result);
    }
  }

  @XmppServerTest
  void handshakeSucceedsAndARealClientGetsReplies(XmppServer server) throws Exception {
    try (ComponentConnection component = echo(server.componentSettings("test1").build())) {
      assertThat(component.state()).isEqualTo(ConnectionState.AUTHENTICATED);

      assertEchoes(server, server.componentDomain("test1"));
    }
  }

  @XmppServerTest
  void wrongSecretIsRefusedWithAClearMessage(XmppServer server) {
    ComponentSettings settings = server.componentSettings("test1").secret("not-the-secret").build();
    ComponentConnection connection = new ComponentConnection(settings);

    assertThatThrownBy(() -> connection.connect(packet -> { }))
        .isInstanceOfSatisfying(StreamErrorException.class, e -> {
          assertThat(e.condition()).isEqualTo(StreamError.Condition.not_authorized);
          assertThat(e.sentByPeer()).isTrue();
        })
        .hasMessage("server at 127.0.0.1:" + server.componentPort("test1") + " refused the secret for "
            + server.componentDomain("test1") + " (not-authorized; ejabberd also says so for a domain it does not serve)");
    assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
  }

  /**
   * A domain the server does not serve: Prosody sends an empty stream id and {@code host-unknown}, which must be
   * what the operator reads; ejabberd says {@code not-authorized}, as for a wrong secret, which the message says.
   */
  @XmppServerTest
  void aDomainTheServerDoesNotServeIsReportedAsTheServerSaysIt(XmppServer server) {
    ComponentSettings settings = server.componentSettings("test1").domain("unknown.localhost").build();
    ComponentConnection connection = new ComponentConnection(settings);
    String at = "server at 127.0.0.1:" + server.componentPort("test1");

    assertThatThrownBy(() -> connection.connect(packet -> { }))
        .isInstanceOf(StreamErrorException.class)
        .hasMessage(server.kind() == ServerKind.PROSODY
            ? at + " does not serve the component domain unknown.localhost (host-unknown)"
            : at + " refused the secret for unknown.localhost (not-authorized; ejabberd also says so for a domain it"
                + " does not serve)");
    assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
  }

  /** ejabberd accepts several connections for one component domain and shares the traffic among them. */
  @XmppServerTest(ServerKind.PROSODY)
  void secondComponentForTheSameDomainIsRefusedAsAConflict(XmppServer server) throws Exception {
    try (ComponentConnection first = echo(server.componentSettings("test2").build())) {
      ComponentConnection second = new ComponentConnection(server.componentSettings("test2").build());

      assertThatThrownBy(() -> second.connect(packet -> { }))
          .isInstanceOfSatisfying(StreamErrorException.class,
              e -> assertThat(e.condition()).isEqualTo(StreamError.Condition.conflict))
          .hasMessage("server at 127.0.0.1:" + server.componentPort("test2") + " already has a component connected as "
              + server.componentDomain("test2") + " (conflict)");
      assertThat(first.state()).isEqualTo(ConnectionState.AUTHENTICATED);
    }
  }

  @XmppServerTest
  void requestCompletesWithTheServersAnswer(XmppServer server) throws Exception {
    try (ComponentConnection component = echo(server.componentSettings("test1").build())) {
      org.xmpp.packet.IQ ping = new org.xmpp.packet.IQ(org.xmpp.packet.IQ.Type.get);
      ping.setFrom(component.jid());
      ping.setTo(new JID(server.domain()));
      ping.setChildElement("ping", "urn:xmpp:ping");

      org.xmpp.packet.IQ answer = component.request(ping, WAIT).get();

      assertThat(answer.getType()).isEqualTo(org.xmpp.packet.IQ.Type.result);
      assertThat(answer.getFrom()).isEqualTo(new JID(server.domain()));
    }
  }

  @XmppServerTest
  void componentReconnectsByItselfAfterTheServerRestarts(XmppServer server) throws Exception {
    List<ConnectionState> states = new CopyOnWriteArrayList<>();
    try (ComponentConnection component = echo(server.componentSettings("test3").build())) {
      component.addListener((state, cause) -> states.add(state));

      server.stop();
      await().atMost(WAIT).until(() -> states.contains(ConnectionState.DISCONNECTED));
      server.start();
      await().atMost(WAIT).until(() -> states.get(states.size() - 1) == ConnectionState.AUTHENTICATED);

      assertThat(states).startsWith(ConnectionState.DISCONNECTED);
      assertThat(component.state()).isEqualTo(ConnectionState.AUTHENTICATED);
      assertEchoes(server, server.componentDomain("test3"));
    } finally {
      server.start();
    }
  }
}
