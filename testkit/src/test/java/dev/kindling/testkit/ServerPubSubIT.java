package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Identity;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Each server's own pubsub service at {@code serverpubsub.localhost}, which benchmarks compare Kindling's PubSub
 * with, and the component domain {@code pubsub} that Kindling's PubSub connects as.
 */
class ServerPubSubIT {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Identity(category = "pubsub", type = "service", name = "Stand-in")
  static final class StandIn {}

  @XmppServerTest
  void aTestUserCreatesANodeAndAnotherUsersSubscriptionReceivesTheItemPublished(XmppServer server)
      throws Exception {
    try (SmackClient alice = SmackClient.login(server, "alice"); SmackClient bob = SmackClient.login(server, "bob")) {
      LeafNode created = pubSub(alice, server).createNode("weather");
      LeafNode subscribed = pubSub(bob, server).getLeafNode("weather");
      BlockingQueue<Item> received = new LinkedBlockingQueue<>();
      subscribed.addItemEventListener(event -> received.addAll(event.getItems()));
      Subscription subscription = subscribed.subscribe(bob.connection().getUser());

      created.publish(new PayloadItem<>("today", new SimplePayload("<forecast xmlns='urn:test:weather'>sunny</forecast>")));

      Item item = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
      assertThat(subscription.getState()).isEqualTo(Subscription.State.subscribed);
      assertThat(item).as("bob's event").isNotNull();
      assertThat(item.getId()).isEqualTo("today");
      assertThat(((PayloadItem<?>) item).getPayload().toXML().toString())
          .contains("urn:test:weather").contains(">sunny</forecast>");
    }
  }

  @XmppServerTest
  void theServersDiscoItemsListItsPubSubAndTheConnectedKindlingPubSub(XmppServer server) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(server.kindlingConfig()), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).add("pubsub", StandIn.class);
      }
    });
    try (kindling; SmackClient alice = SmackClient.login(server, "alice")) {
      kindling.start();
      ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());

      // ejabberd lists a component once it has connected.
      await().atMost(WAIT).untilAsserted(() -> assertThat(items(disco, server.domain()))
          .contains(server.serverPubSubDomain(), server.componentDomain("pubsub")));
      DiscoverInfo service = disco.discoverInfo(JidCreate.domainBareFrom(server.serverPubSubDomain()));
      DiscoverInfo kindlings = disco.discoverInfo(JidCreate.domainBareFrom(server.componentDomain("pubsub")));

      assertThat(service.hasIdentity("pubsub", "service")).isTrue();
      assertThat(kindlings.getIdentities()).extracting(DiscoverInfo.Identity::getName).containsExactly("Stand-in");
    }
  }

  private static PubSubManager pubSub(SmackClient client, XmppServer server) throws Exception {
    return PubSubManager.getInstanceFor(client.connection(), JidCreate.bareFrom(server.serverPubSubDomain()));
  }

  private static List<String> items(ServiceDiscoveryManager disco, String jid) throws Exception {
    return disco.discoverItems(JidCreate.domainBareFrom(jid)).getItems().stream()
        .map(DiscoverItems.Item::getEntityID).map(Object::toString).toList();
  }
}
