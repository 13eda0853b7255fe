package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Outbound;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqlast.LastActivityManager;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.time.EntityTimeManager;
import org.jivesoftware.smackx.time.packet.Time;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** The handler API against real servers, with real Smack clients. */
class HandlerApiIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Identity(category = "component", type = "generic", name = "API fixture")
  static final class Fixture {
    final Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    final CountDownLatch gate = new CountDownLatch(1);
    final List<String> threads = new CopyOnWriteArrayList<>();
    private final Outbound outbound;

    @Inject
    Fixture(Outbound outbound) {
      this.outbound = outbound;
    }

    @IqHandler(element = "where", namespace = "urn:test:where")
    void where() {
      threads.add(Thread.currentThread().getName());
    }

    @IqHandler(element = "where-blocking", namespace = "urn:test:where")
    @Blocking
    void whereBlocking() {
      threads.add(Thread.currentThread().getName());
    }

    /** Wrong on purpose: waits for an answer without {@code @Blocking}. */
    @IqHandler(element = "ask", namespace = "urn:test:where")
    void askAndWait(JID from) {
      org.xmpp.packet.IQ ping = new org.xmpp.packet.IQ(org.xmpp.packet.IQ.Type.get);
      ping.setFrom(outbound.jid());
      ping.setTo(from);
      ping.setChildElement("ping", "urn:xmpp:ping");
      outbound.request(ping).join();
    }

    @MessageHandler(type = org.xmpp.packet.Message.Type.chat)
    void record(Message message, JID from) {
      seen.computeIfAbsent(from.toString(), key -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(message.getBody()));
    }

    @IqHandler(element = "slow", namespace = "urn:test:slow")
    @Blocking
    void slow() throws InterruptedException {
      gate.await(20, TimeUnit.SECONDS);
    }
  }

  /** An empty IQ get with one child, which Smack has no class for. */
  static final class ChildIq extends IQ {
    ChildIq(String element, String namespace, Jid to) {
      super(element, namespace);
      setType(Type.get);
      setTo(to);
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
      xml.setEmptyElement();
      return xml;
    }
  }

  private static Kindling start(XmppServer server, Map<String, String> extra) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("software.name", "API fixture");
    config.put("software.version", "1.0");
    config.putAll(extra);
    Kindling kindling = Kindling.create(KindlingConfig.of(config), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).add("test1", Fixture.class);
      }
    });
    kindling.start();
    return kindling;
  }

  private static DomainBareJid component(XmppServer server) throws Exception {
    return JidCreate.domainBareFrom(server.componentDomain("test1"));
  }

  @XmppServerTest
  void discoInfoListsExactlyTheHandledFeatures(XmppServer server) throws Exception {
    try (Kindling kindling = start(server, Map.of()); SmackClient alice = SmackClient.login(server, "alice")) {
      DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(component(server));

      assertThat(info.getFeatures()).extracting(DiscoverInfo.Feature::getVar).containsExactlyInAnyOrder(
          "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items", "jabber:iq:last",
          "jabber:iq:version", "urn:xmpp:ping", "urn:xmpp:time", "urn:test:slow", "urn:test:where");
      assertThat(info.getIdentities()).singleElement().satisfies(identity -> {
        assertThat(identity.getCategory()).isEqualTo("component");
        assertThat(identity.getName()).isEqualTo("API fixture");
      });
    }
  }

  @XmppServerTest
  void pingVersionTimeAndLastActivityAnswer(XmppServer server) throws Exception {
    try (Kindling kindling = start(server, Map.of()); SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid jid = component(server);

      assertThat(PingManager.getInstanceFor(alice.connection()).ping(jid)).isTrue();
      Version version = VersionManager.getInstanceFor(alice.connection()).getVersion(jid);
      assertThat(version.getName()).isEqualTo("API fixture");
      assertThat(version.getVersion()).isEqualTo("1.0");
      Time time = EntityTimeManager.getInstanceFor(alice.connection()).getTime(jid);
      assertThat(time.getTime()).isCloseTo(new java.util.Date(), 60_000);
      assertThat(LastActivityManager.getInstanceFor(alice.connection()).getLastActivity(jid).getIdleTime())
          .isBetween(0L, 600L);
    }
  }

  @XmppServerTest
  void unknownIqGetsServiceUnavailable(XmppServer server) throws Exception {
    try (Kindling kindling = start(server, Map.of()); SmackClient alice = SmackClient.login(server, "alice")) {
      ChildIq unknown = new ChildIq("query", "urn:test:nobody-handles-this", component(server));

      assertThatThrownBy(() -> alice.connection().sendIqRequestAndWaitForResponse(unknown))
          .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(e.getStanzaError()
              .getCondition()).isEqualTo(StanzaError.Condition.service_unavailable));
    }
  }

  @XmppServerTest
  void eightSendersThousandStanzasEachArriveInPerSenderOrder(XmppServer server) throws Exception {
    List<SmackClient> clients = new ArrayList<>();
    try (Kindling kindling = start(server, Map.of())) {
      for (int c = 0; c < 8; c++) {
        clients.add(SmackClient.login(server, "alice", "sender" + c));
      }
      DomainBareJid jid = component(server);
      for (int n = 0; n < 1000; n++) {
        for (SmackClient client : clients) {
          client.connection().sendStanza(MessageBuilder.buildMessage().to(jid)
              .ofType(org.jivesoftware.smack.packet.Message.Type.chat).setBody(Integer.toString(n)).build());
        }
      }
      Fixture fixture = kindling.component("test1").injector().getInstance(Fixture.class);
      await().atMost(WAIT).until(() -> fixture.seen.values().stream().mapToInt(List::size).sum() >= 8000);

      List<Integer> inOrder = IntStream.range(0, 1000).boxed().toList();
      assertThat(fixture.seen).hasSize(8);
      fixture.seen.forEach((sender, numbers) -> assertThat(numbers).as(sender).isEqualTo(inOrder));
    } finally {
      clients.forEach(SmackClient::close);
    }
  }

  @XmppServerTest
  void floodFromOneJidGetsWaitErrorsWhileAnotherIsServed(XmppServer server) throws Exception {
    try (Kindling kindling = start(server, Map.of("per-sender-queue", "10"));
         SmackClient flooder = SmackClient.login(server, "alice", "flood");
         SmackClient calm = SmackClient.login(server, "bob")) {
      Fixture fixture = kindling.component("test1").injector().getInstance(Fixture.class);
      List<SmackFuture<IQ, Exception>> answers = new ArrayList<>();
      for (int n = 0; n < 50; n++) {
        answers.add(flooder.connection().sendIqRequestAsync(new ChildIq("slow", "urn:test:slow", component(server)),
            WAIT.toMillis()));
      }
      // SmackFuture.get(timeout) of Smack 4.4.8 always throws TimeoutException; getOrThrow() waits up to the reply
      // timeout given above.
      int waited = 0;
      for (SmackFuture<IQ, Exception> answer : answers.subList(10, 50)) {
        try {
          answer.getOrThrow();
        } catch (XMPPException.XMPPErrorException e) {
          assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.resource_constraint);
          assertThat(e.getStanzaError().getType()).isEqualTo(StanzaError.Type.WAIT);
          waited++;
        }
      }

      assertThat(waited).isEqualTo(40);
      assertThat(PingManager.getInstanceFor(calm.connection()).ping(component(server))).isTrue();
      assertThat(answers.subList(0, 10)).noneMatch(SmackFuture::isDone);

      fixture.gate.countDown();
      for (SmackFuture<IQ, Exception> answer : answers.subList(0, 10)) {
        assertThat(answer.getOrThrow().getType()).isEqualTo(IQ.Type.result);
      }
    }
  }

  @XmppServerTest
  void quickHandlersRunOnTheReaderThreadWhenIdleBlockingOnesNever(XmppServer server) throws Exception {
    try (Kindling kindling = start(server, Map.of()); SmackClient alice = SmackClient.login(server, "alice")) {
      Fixture fixture = kindling.component("test1").injector().getInstance(Fixture.class);
      for (int n = 0; n < 3; n++) {
        assertThat(alice.connection().sendIqRequestAndWaitForResponse(
            new ChildIq("where", "urn:test:where", component(server))).getType()).isEqualTo(IQ.Type.result);
      }
      alice.connection().sendIqRequestAndWaitForResponse(
          new ChildIq("where-blocking", "urn:test:where", component(server)));

      assertThat(fixture.threads).hasSize(4);
      assertThat(fixture.threads.subList(0, 3)).allMatch(name -> name.startsWith("kindling-reader-"));
      assertThat(fixture.threads.get(3)).startsWith("kindling-blocking-");
    }
  }

  @XmppServerTest
  void waitingForAnAnswerInAQuickHandlerFailsFastInsteadOfStallingTheConnection(XmppServer server)
      throws Exception {
    try (Kindling kindling = start(server, Map.of()); SmackClient alice = SmackClient.login(server, "alice")) {
      assertThatThrownBy(() -> alice.connection().sendIqRequestAndWaitForResponse(
          new ChildIq("ask", "urn:test:where", component(server))))
          .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
              e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.internal_server_error));
      assertThat(PingManager.getInstanceFor(alice.connection()).ping(component(server))).isTrue();
    }
  }
}
