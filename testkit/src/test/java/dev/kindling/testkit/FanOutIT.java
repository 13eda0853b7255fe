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

    @MessageHandler(type = Message.Type.headline)
    void received(Message event, @To JID subscriber) {
      reached.add(subscriber.getNode());
      bodies.add(event.getBody() + " from " + event.getFrom());
    }
  }

  @Identity(category = "pubsub", type = "service", name = "Publisher")
  static final class Publisher {}

  @XmppServerTest
  void aBulkSendReachesEachOfAThousandRecipientsOnce(XmppServer server) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("send-queue", "200");
    try (Kindling kindling = Kindling.create(KindlingConfig.of(config), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).add("test2", Publisher.class).add("test3", Subscribers.class);
      }
    })) {
      kindling.start();
      String subscribers = server.componentDomain("test3");
      List<JID> recipients = IntStream.range(0, 1000).mapToObj(i -> new JID("s" + i + "@" + subscribers + "/r"))
          .toList();
      Message event = new Message();
      event.setType(Message.Type.headline);
      event.setFrom(new JID("news@" + server.componentDomain("test2")));
      event.setBody("item 1 published");

      kindling.connection("test2").sendAll(event, recipients).get(30, TimeUnit.SECONDS);

      Subscribers received = kindling.component("test3").injector().getInstance(Subscribers.class);
      await().atMost(Duration.ofSeconds(30)).until(() -> received.reached.size() == 1000);
      assertThat(received.reached).containsAll(IntStream.range(0, 1000).mapToObj(i -> "s" + i).toList());
      assertThat(received.bodies).containsExactly("item 1 published from news@" + server.componentDomain("test2"));
      assertThat(kindling.component("test3").stats().accepted()).isEqualTo(1000);
    }
  }
}
