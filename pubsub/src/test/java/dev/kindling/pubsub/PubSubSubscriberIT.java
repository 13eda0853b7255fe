package dev.kindling.pubsub;

import static dev.kindling.pubsub.LivePubSub.PUBSUB;
import static dev.kindling.pubsub.LivePubSub.WAIT_SECONDS;
import static dev.kindling.pubsub.LivePubSub.assertError;
import static dev.kindling.pubsub.LivePubSub.errorOf;
import static dev.kindling.pubsub.LivePubSub.jid;
import static dev.kindling.pubsub.LivePubSub.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.EventElementType;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemPublishEvent;
import org.jivesoftware.smackx.pubsub.ItemsExtension;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.Node;
import org.jivesoftware.smackx.pubsub.NodeType;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.form.SubscribeForm;
import org.jivesoftware.smackx.shim.packet.Header;
import org.jivesoftware.smackx.shim.packet.HeadersExtension;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subscribers' use cases (XEP-0060 §6, §8.6, §9) with real clients on Prosody and ejabberd: subscribing and
 * unsubscribing, subscription options, one's own subscriptions, the approval of a subscription to an
 * {@code authorize} node by its owner, the errors of §6.1.3 and §6.2.3, and a subscription to a collection.
 *
 * <p>That nothing arrives is shown without waiting for nothing: a later notification, published after the one
 * that must not arrive, is the first to come.
 */
class PubSubSubscriberIT {
  private static final String SUBSCRIBE_AUTHORIZATION = LivePubSub.SUBSCRIBE_AUTHORIZATION;

  @TempDir
  Path dataDir;

  private static PayloadItem<SimplePayload> item(String id, String text) {
    return new PayloadItem<>(id, new SimplePayload("<entry xmlns='urn:example:news'>" + text + "</entry>"));
  }

  private static BlockingQueue<ItemPublishEvent<Item>> published(Node node) {
    BlockingQueue<ItemPublishEvent<Item>> events = new LinkedBlockingQueue<>();
    node.addItemEventListener(events::add);
    return events;
  }

  private static String nextItemId(BlockingQueue<ItemPublishEvent<Item>> events) throws InterruptedException {
    ItemPublishEvent<Item> event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(event).as("a notification within " + WAIT_SECONDS + " s").isNotNull();
    assertThat(event.getItems()).hasSize(1);
    return event.getItems().get(0).getId();
  }

  @XmppServerTest
  void aSubscriptionIsListedUntilItIsCancelledAndOnlyThenDelivers(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      PubSubManager bob = pubsub.pubsub(pubsub.bob);
      LeafNode bobsView = bob.getLeafNode("news");
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);

      Subscription subscribed = bobsView.subscribe(jid(pubsub.bob));

      assertThat(subscribed.getState()).isEqualTo(Subscription.State.subscribed);
      assertThat(subscribed.getId()).isNotBlank();
      assertThat(bob.getSubscriptions()).singleElement().satisfies(listed -> {
        assertThat(listed.getNode()).isEqualTo("news");
        assertThat(listed.getJid().toString()).isEqualTo(jid(pubsub.bob).toString());
        assertThat(listed.getId()).isEqualTo(subscribed.getId());
        assertThat(listed.getState()).isEqualTo(Subscription.State.subscribed);
      });
      assertThat(bobsView.getSubscriptions()).extracting(Subscription::getId).containsExactly(subscribed.getId());
      assertThat(node.getSubscriptionsAsOwner()).extracting(listed -> listed.getJid().toString())
          .containsExactly(jid(pubsub.bob).toString());
      node.publish(item("while-subscribed", "one"));
      assertThat(nextItemId(events)).isEqualTo("while-subscribed");

      bobsView.unsubscribe(jid(pubsub.bob).toString());

      assertThat(bob.getSubscriptions()).isEmpty();
      node.publish(item("after-unsubscribing", "two"));
      bobsView.subscribe(jid(pubsub.bob));
      node.publish(item("subscribed-again", "three"));
      // the node sends its last item on subscription (pubsub#send_last_published_item by default): the one
      // published while bob was away, once, then the new one
      assertThat(nextItemId(events)).isEqualTo("after-unsubscribing");
      assertThat(nextItemId(events)).isEqualTo("subscribed-again");
    }
  }

  @XmppServerTest
  void subscriptionOptionsAreReadAndDeliveryIsSwitchedOffAndOn(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      bobsView.subscribe(jid(pubsub.bob));
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);
      String bobsJid = jid(pubsub.bob).toString();

      SubscribeForm options = bobsView.getSubscriptionOptions(bobsJid);
      assertThat(options.getFormType()).isEqualTo(PUBSUB + "#subscribe_options");
      assertThat(options.isDeliverOn()).isTrue();
      IQ defaults = pubsub.send(pubsub.bob, IQ.Type.get, PUBSUB, "<default node='news'/>");
      assertThat(defaults.toXML().toString()).contains(PUBSUB + "#subscribe_options").contains("pubsub#deliver");

      pubsub.send(pubsub.bob, IQ.Type.set, PUBSUB, deliver(bobsJid, false));
      assertThat(bobsView.getSubscriptionOptions(bobsJid).isDeliverOn()).isFalse();
      node.publish(item("muted", "not delivered"));
      pubsub.send(pubsub.bob, IQ.Type.set, PUBSUB, deliver(bobsJid, true));
      node.publish(item("heard", "delivered"));

      assertThat(nextItemId(events)).isEqualTo("heard");
    }
  }

  /** An options submission (XEP-0060 §6.3.5) setting {@code pubsub#deliver}. */
  private static String deliver(String jid, boolean on) {
    return "<options node='news' jid='" + jid + "'><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#subscribe_options</value></field>"
        + "<field var='pubsub#deliver'><value>" + (on ? "1" : "0") + "</value></field></x></options>";
  }

  /**
   * XEP-0060 §8.6: on an {@code authorize} node a subscription waits, its owner gets the authorization form in a
   * message and answers it; the subscriber is told the outcome. Smack has no API for the owner's side: the test
   * reads the form and answers it as a message itself. Someone not an owner who answers gets {@code forbidden}.
   */
  @XmppServerTest
  void theOwnerApprovesOrDeniesASubscriptionToAnAuthorizeNode(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setAccessModel(AccessModel.authorize);
      LeafNode node = (LeafNode) alice.createNode("private", form);
      node.publish(item("secret", "for approved eyes"));
      StanzaCollector alicesInbox = pubsub.messages(pubsub.alice);
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("private");

      Subscription pending = bobsView.subscribe(jid(pubsub.bob));

      assertThat(pending.getState()).isEqualTo(Subscription.State.pending);
      assertError(errorOf(bobsView::getItems), Condition.not_authorized, "not-subscribed");
      Message asking = next(alicesInbox);
      assertThat(asking.getStanzaId()).as("§8.6: the request has an id").isEqualTo("approve-" + pending.getId());
      DataForm request = DataForm.from(asking, SUBSCRIBE_AUTHORIZATION);
      assertThat(request).as("alice is asked to approve").isNotNull();
      assertThat(request.getType()).isEqualTo(DataForm.Type.form);
      assertThat(request.getField("pubsub#node").getFirstValue()).isEqualTo("private");
      assertThat(request.getField("pubsub#subscriber_jid").getFirstValue()).isEqualTo(jid(pubsub.bob).toString());
      assertThat(request.getField("pubsub#subid").getFirstValue()).isEqualTo(pending.getId());

      pubsub.alice.connection().sendStanza(pubsub.authorization(request, true));

      Subscription told = (Subscription) EventElement.from(next(bobsEvents)).getEvent();
      assertThat(told.getNode()).isEqualTo("private");
      assertThat(told.getState()).isEqualTo(Subscription.State.subscribed);
      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactly("secret");

      // carol asks too, answers the form herself, and is refused; alice then denies her
      StanzaCollector carolsMessages = pubsub.messages(pubsub.carol);
      LeafNode carolsView = pubsub.pubsub(pubsub.carol).getLeafNode("private");
      assertThat(carolsView.subscribe(jid(pubsub.carol)).getState()).isEqualTo(Subscription.State.pending);
      DataForm carolsRequest = DataForm.from(next(alicesInbox), SUBSCRIBE_AUTHORIZATION);
      pubsub.carol.connection().sendStanza(pubsub.authorization(carolsRequest, true));
      Message refused = next(carolsMessages);
      assertThat(refused.getType()).isEqualTo(Message.Type.error);
      assertThat(refused.getError().getCondition()).isEqualTo(StanzaError.Condition.forbidden);

      pubsub.alice.connection().sendStanza(pubsub.authorization(carolsRequest, false));
      Message denied = next(carolsMessages);
      Subscription none = (Subscription) EventElement.from(denied).getEvent();
      assertThat(none.getState()).isEqualTo(Subscription.State.none);
      assertThat(pubsub.pubsub(pubsub.carol).getSubscriptions()).isEmpty();
      assertError(errorOf(carolsView::getItems), Condition.not_authorized, "not-subscribed");
    }
  }

  /**
   * An owner offline when the approval form was sent (the test servers keep no offline messages) finds the
   * pending subscription in the node's subscriptions (XEP-0060 §8.8.1) and approves it there (§8.8.2).
   */
  @XmppServerTest
  void anOwnerWhoWasOfflineApprovesThroughTheSubscriptionList(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setAccessModel(AccessModel.authorize);
      alice.createNode("private", form);
      pubsub.alice.close();
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode("private").subscribe(jid(pubsub.bob)).getState())
          .isEqualTo(Subscription.State.pending);

      try (SmackClient aliceAgain = SmackClient.login(server, "alice", "back")) {
        LeafNode node = pubsub.pubsub(aliceAgain).getLeafNode("private");
        assertThat(node.getSubscriptionsAsOwner()).singleElement().satisfies(waiting -> {
          assertThat(waiting.getJid().toString()).isEqualTo(jid(pubsub.bob).toString());
          assertThat(waiting.getState()).isEqualTo(Subscription.State.pending);
        });

        node.modifySubscriptionsAsOwner(List.of(
            new Subscription(jid(pubsub.bob), "private", null, Subscription.State.subscribed)));

        Subscription told = (Subscription) EventElement.from(next(bobsEvents)).getEvent();
        assertThat(told.getState()).isEqualTo(Subscription.State.subscribed);
        assertThat(node.getSubscriptionsAsOwner()).extracting(Subscription::getState)
            .containsExactly(Subscription.State.subscribed);
      }
    }
  }

  /** XEP-0060 §6.1.3.7: asking again while an owner has not yet answered. */
  @XmppServerTest
  void subscribingAgainWhileApprovalIsPendingGetsPendingSubscription(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setAccessModel(AccessModel.authorize);
      alice.createNode("private", form);
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("private");
      assertThat(bobsView.subscribe(jid(pubsub.bob)).getState()).isEqualTo(Subscription.State.pending);

      assertError(errorOf(() -> bobsView.subscribe(jid(pubsub.bob))), Condition.not_authorized,
          "pending-subscription");

      assertThat(pubsub.pubsub(pubsub.bob).getSubscriptions()).extracting(Subscription::getState)
          .containsExactly(Subscription.State.pending);
    }
  }

  @XmppServerTest
  void oneEntityCannotSubscribeOrUnsubscribeAnother(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");
      pubsub.pubsub(pubsub.bob).getLeafNode("news").subscribe(jid(pubsub.bob));
      LeafNode carolsView = pubsub.pubsub(pubsub.carol).getLeafNode("news");

      assertError(errorOf(() -> carolsView.unsubscribe(jid(pubsub.bob).toString())), Condition.forbidden, null);
      assertError(errorOf(() -> carolsView.subscribe(jid(pubsub.bob))), Condition.bad_request, "invalid-jid");
      assertThat(pubsub.pubsub(pubsub.bob).getSubscriptions()).extracting(Subscription::getState)
          .containsExactly(Subscription.State.subscribed);
    }
  }

  @XmppServerTest
  void unsubscribingWithoutASubscriptionGetsNotSubscribed(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");
      LeafNode carolsView = pubsub.pubsub(pubsub.carol).getLeafNode("news");

      assertError(errorOf(() -> carolsView.unsubscribe(jid(pubsub.carol).toString())), Condition.unexpected_request,
          "not-subscribed");
      assertError(errorOf(() -> carolsView.getSubscriptionOptions(jid(pubsub.carol).toString())),
          Condition.unexpected_request, "not-subscribed");
    }
  }

  @XmppServerTest
  void unsubscribingWithAnUnknownSubidGetsInvalidSubid(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      bobsView.subscribe(jid(pubsub.bob));

      assertError(errorOf(() -> bobsView.unsubscribe(jid(pubsub.bob).toString(), "no-such-subid")),
          Condition.not_acceptable, "invalid-subid");
      assertThat(pubsub.pubsub(pubsub.bob).getSubscriptions()).hasSize(1);
    }
  }

  /** XEP-0060 §6.1.6: a second subscription with other options has its own subid, and an unsubscribe names one. */
  @XmppServerTest
  void withTwoSubscriptionsAnUnsubscribeNeedsASubid(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      String bobsJid = jid(pubsub.bob).toString();
      Subscription first = bobsView.subscribe(jid(pubsub.bob));
      IQ second = pubsub.send(pubsub.bob, IQ.Type.set, PUBSUB, "<subscribe node='news' jid='" + bobsJid + "'/>"
          + "<options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + PUBSUB
          + "#subscribe_options</value></field><field var='pubsub#deliver'><value>1</value></field></x></options>");
      assertThat(second.toXML().toString()).contains("subscribed").doesNotContain(first.getId());
      String secondId = second.toXML().toString().replaceAll("(?s).*subid=['\"]([^'\"]+)['\"].*", "$1");
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);
      pubsub.pubsub(pubsub.alice).getLeafNode("news").publish(item("both", "once, naming both subscriptions"));
      ItemPublishEvent<Item> event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(event).isNotNull();
      assertThat(event.getSubscriptions()).containsExactlyInAnyOrder(first.getId(), secondId);

      assertError(errorOf(() -> bobsView.unsubscribe(bobsJid)), Condition.bad_request, "subid-required");
      bobsView.unsubscribe(bobsJid, first.getId());

      assertThat(pubsub.pubsub(pubsub.bob).getSubscriptions()).singleElement()
          .satisfies(left -> assertThat(left.getId()).isNotEqualTo(first.getId()));
    }
  }

  @XmppServerTest
  void theLastItemIsSentToANewSubscriberWhenTheNodeSaysSo(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setAnswer("pubsub#send_last_published_item", "on_sub");
      LeafNode node = (LeafNode) alice.createNode("status", form);
      node.publish(item("older", "away"));
      node.publish(item("newest", "back"));
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("status");
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);

      bobsView.subscribe(jid(pubsub.bob));

      assertThat(nextItemId(events)).isEqualTo("newest");
      node.publish(item("later", "gone"));
      assertThat(nextItemId(events)).isEqualTo("later");
    }
  }

  @XmppServerTest
  void ownersAreToldOfNewAndCancelledSubscriptionsWhenTheNodeSaysSo(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setAnswer("pubsub#notify_sub", true);
      alice.createNode("news", form);
      StanzaCollector alicesEvents = pubsub.events(pubsub.alice);
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");

      bobsView.subscribe(jid(pubsub.bob));
      Subscription subscribed = (Subscription) EventElement.from(next(alicesEvents)).getEvent();
      bobsView.unsubscribe(jid(pubsub.bob).toString());
      Subscription cancelled = (Subscription) EventElement.from(next(alicesEvents)).getEvent();
      alicesEvents.cancel();

      assertThat(subscribed.getJid().toString()).isEqualTo(jid(pubsub.bob).toString());
      assertThat(subscribed.getState()).isEqualTo(Subscription.State.subscribed);
      assertThat(cancelled.getState()).isEqualTo(Subscription.State.none);
      assertThat(cancelled.getId()).isEqualTo(subscribed.getId());
    }
  }

  @XmppServerTest
  void itemsExpireAfterTheNodesItemExpire(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setAnswer("pubsub#item_expire", 1);
      LeafNode node = (LeafNode) alice.createNode("flash", form);
      node.publish(item("soon-gone", "for a second"));
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("flash");
      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactly("soon-gone");

      await().atMost(Duration.ofSeconds(5)).until(() -> bobsView.<Item>getItems().isEmpty());

      assertThat(bobsView.<Item>getItems(List.of("soon-gone"))).isEmpty();
    }
  }

  /** XEP-0060 §9.2: {@code pubsub#subscription_depth=all} reaches the leaves of a collection's collections. */
  @XmppServerTest
  void aSubscriptionToAllDepthsGetsTheItemsOfGrandchildren(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm top = alice.getDefaultConfiguration().getFillableForm();
      top.setNodeType(NodeType.collection);
      alice.createNode("sports", top);
      FillableConfigureForm middle = alice.getDefaultConfiguration().getFillableForm();
      middle.setNodeType(NodeType.collection);
      middle.setCollection("sports");
      alice.createNode("ballgames", middle);
      FillableConfigureForm deep = alice.getDefaultConfiguration().getFillableForm();
      deep.setCollection("ballgames");
      LeafNode football = (LeafNode) alice.createNode("football", deep);
      FillableConfigureForm shallow = alice.getDefaultConfiguration().getFillableForm();
      shallow.setCollection("sports");
      LeafNode chess = (LeafNode) alice.createNode("chess", shallow);
      pubsub.send(pubsub.bob, IQ.Type.set, PUBSUB, "<subscribe node='sports' jid='" + jid(pubsub.bob) + "'/>"
          + "<options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>" + PUBSUB
          + "#subscribe_options</value></field><field var='pubsub#subscription_depth'><value>all</value></field>"
          + "</x></options>");
      pubsub.pubsub(pubsub.carol).getNode("sports").subscribe(jid(pubsub.carol));
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);
      StanzaCollector carolsEvents = pubsub.events(pubsub.carol);

      football.publish(item("goal", "deep down"));
      chess.publish(item("mate", "one level down"));

      assertThat(((ItemsExtension) EventElement.from(next(bobsEvents)).getEvent()).getNode()).isEqualTo("football");
      assertThat(((ItemsExtension) EventElement.from(next(bobsEvents)).getEvent()).getNode()).isEqualTo("chess");
      assertThat(((ItemsExtension) EventElement.from(next(carolsEvents)).getEvent()).getNode()).isEqualTo("chess");
      bobsEvents.cancel();
      carolsEvents.cancel();
    }
  }

  /** XEP-0060 §9: a leaf in a collection, and a subscriber to the collection who gets the leaf's items. */
  @XmppServerTest
  void aSubscriberToACollectionGetsTheItemsOfItsLeaves(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm collection = alice.getDefaultConfiguration().getFillableForm();
      collection.setNodeType(NodeType.collection);
      alice.createNode("sports", collection);
      FillableConfigureForm leaf = alice.getDefaultConfiguration().getFillableForm();
      leaf.setCollection("sports");
      LeafNode football = (LeafNode) alice.createNode("football", leaf);
      ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(pubsub.bob.connection());
      assertThat(disco.discoverInfo(pubsub.service(), "sports").hasIdentity("pubsub", "collection")).isTrue();
      assertThat(disco.discoverItems(pubsub.service()).getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactly("sports");
      assertThat(disco.discoverItems(pubsub.service(), "sports").getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactly("football");
      pubsub.pubsub(pubsub.bob).getNode("sports").subscribe(jid(pubsub.bob));
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);

      football.publish(item("goal", "1:0"));

      Message told = next(bobsEvents);
      bobsEvents.cancel();
      EventElement event = EventElement.from(told);
      assertThat(event.getEventType()).isEqualTo(EventElementType.items);
      ItemsExtension items = (ItemsExtension) event.getEvent();
      assertThat(items.getNode()).isEqualTo("football");
      assertThat(items.getItems()).extracting(received -> ((Item) received).getId()).containsExactly("goal");
      HeadersExtension headers = HeadersExtension.from(told);
      assertThat(headers).as(told.toXML().toString()).isNotNull();
      assertThat(headers.getHeaders()).extracting(Header::getName, Header::getValue)
          .containsExactly(tuple("Collection", "sports"));
      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB,
          "<publish node='sports'><item id='x'><entry xmlns='urn:example:news'/></item></publish>")),
          Condition.feature_not_implemented, "unsupported");
    }
  }
}
