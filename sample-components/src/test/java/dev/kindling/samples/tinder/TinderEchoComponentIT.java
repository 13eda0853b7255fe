package dev.kindling.samples.tinder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import dev.kindling.tinder.TinderComponentHost;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

class TinderEchoComponentIT {
  private static TinderComponentHost hostEcho(XmppServer server) throws Exception {
    TinderComponentHost host = new TinderComponentHost(server.componentSettings("echo").domain(server.domain()).build());
    host.addComponent("echo", new TinderEchoComponent());
    return host;
  }

  @XmppServerTest
  void smackClientGetsItsMessageEchoed(XmppServer server) throws Exception {
    try (TinderComponentHost host = hostEcho(server); SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid echo = JidCreate.domainBareFrom(server.componentDomain("echo"));
      StanzaCollector replies = alice.connection().createStanzaCollector(
          new AndFilter(MessageTypeFilter.CHAT, FromMatchesFilter.createBare(echo)));

      alice.connection().sendStanza(MessageBuilder.buildMessage().to(echo).ofType(Message.Type.chat)
          .setBody("Grüße aus Kindling 🔥").setThread("t-1").build());
      Message reply = replies.nextResult(10_000);
      replies.cancel();

      assertThat(reply).isNotNull();
      assertThat(reply.getBody()).isEqualTo("Grüße aus Kindling 🔥");
      assertThat(reply.getThread()).isEqualTo("t-1");
      assertThat(reply.getTo().toString()).isEqualTo("alice@localhost/test");
    }
  }

  @XmppServerTest
  void smackClientPingsTheEchoComponent(XmppServer server) throws Exception {
    try (TinderComponentHost host = hostEcho(server); SmackClient alice = SmackClient.login(server, "alice")) {
      IQ pong = alice.connection().sendIqRequestAndWaitForResponse(
          new Ping(JidCreate.from(server.componentDomain("echo"))));

      assertThat(pong.getType()).isEqualTo(IQ.Type.result);
    }
  }

  @XmppServerTest
  void discoInfoNamesTheComponentAndPing(XmppServer server) throws Exception {
    try (TinderComponentHost host = hostEcho(server); SmackClient alice = SmackClient.login(server, "alice")) {
      DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection())
          .discoverInfo(JidCreate.from(server.componentDomain("echo")));

      assertThat(info.getIdentities()).anySatisfy(identity -> assertThat(identity.getName()).isEqualTo("Echo"));
      assertThat(info.containsFeature("urn:xmpp:ping")).isTrue();
    }
  }
}
