package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.To;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * A bulk send to 1 000 recipients through a real server: one component sends a headline to 1 000 addresses of
 * another component's domain, which counts what reaches each address.
 */
class FanOutIT {
  @Identity(category = "component", type = "generic", name = "Subscribers")
  static final class Subscribers {
    final Set<String> reached = ConcurrentHashMap.newKeySet();
    final Set<String> bodies = ConcurrentHashMap.newKeySet();
    final AtomicInteger messages = new AtomicInteger();

    @MessageHandler(type = Message.Type.headline)
    void received(Message event, @To JID subscriber) {
      messages.incrementAndGet();
      reached.add(subscriber.getNode());
      bodies.add(event.getBody() + " from " + event.getFrom());
    }
  }

  @Identity(category = "pubsub", type = "service", name = "Publisher")
  static final class Publisher {
    final Set<String> errors = ConcurrentHashMap.newKeySet();

    @MessageHandler(type = Message.Type.error)
    void bounced(Message error) {
      errors.add(error.getError().getCondition().toXMPP() + " from " + error.getFrom());
    }
  }

  @XmppServerTest
  void aBulkSendReachesEachOfAThousandRecipientsOnce(XmppServer server) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("send-queue", "200");
    assertEachOfAThousandReachedOnce(server, config);
  }

  /**
   * Through ejabberd's mod_multicast (XEP-0033): four stanzas of at most 300 bcc addresses carry the fan-out.
   * ejabberd only: Prosody 0.12 has no multicast service.
   */
  @XmppServerTest(ServerKind.EJABBERD)
  void aBulkSendThroughTheServersMulticastServiceReachesEachRecipientOnce(XmppServer server) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("multicast", server.multicastDomain().orElseThrow());
    config.put("multicast-recipients", "300");
    assertEachOfAThousandReachedOnce(server, config);

    // the service's own limit shows the stanzas went through it: one address too many, and it refuses the stanza
    config.put("multicast-recipients", Integer.toString(XmppServer.MULTICAST_RECIPIENTS + 1));
    try (Kindling kindling = start(config)) {
      List<JID> recipients = recipients(server, XmppServer.MULTICAST_RECIPIENTS + 1);
      kindling.connection("test2").sendAll(event(server), recipients).get(30, TimeUnit.SECONDS);
      Publisher publisher = kindling.component("test2").injector().getInstance(Publisher.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> !publisher.errors.isEmpty());
      assertThat(publisher.errors).containsExactly("not-acceptable from " + server.multicastDomain().orElseThrow());
      Subscribers received = kindling.component("test3").injector().getInstance(Subscribers.class);
      assertThat(received.messages.get()).as("refused by the multicast service").isZero();
    }
  }

  private static void assertEachOfAThousandReachedOnce(XmppServer server, Map<String, String> config)
      throws Exception {
    try (Kindling kindling = start(config)) {
      kindling.connection("test2").sendAll(event(server), recipients(server, 1000)).get(30, TimeUnit.SECONDS);

      Subscribers received = kindling.component("test3").injector().getInstance(Subscribers.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> received.reached.size() == 1000);
      assertThat(received.reached).containsAll(IntStream.range(0, 1000).mapToObj(i -> "s" + i).toList());
      assertThat(received.bodies).containsExactly("item 1 published from news@" + server.componentDomain("test2"));
      await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> received.messages.get() == 1000);
    }
  }

  private static Kindling start(Map<String, String> config) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(config), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).add("test2", Publisher.class).add("test3", Subscribers.class);
      }
    });
    kindling.start();
    return kindling;
  }

  private static List<JID> recipients(XmppServer server, int count) {
    String subscribers = server.componentDomain("test3");
    return IntStream.range(0, count).mapToObj(i -> new JID("s" + i + "@" + subscribers + "/r")).toList();
  }

  private static Message event(XmppServer server) {
    Message event = new Message();
    event.setType(Message.Type.headline);
    event.setFrom(new JID("news@" + server.componentDomain("test2")));
    event.setBody("item 1 published");
    return event;
  }
}
