package dev.kindling.pubsub;

import static dev.kindling.pubsub.LivePubSub.OWNER;
import static dev.kindling.pubsub.LivePubSub.PUBSUB;
import static dev.kindling.pubsub.LivePubSub.assertError;
import static dev.kindling.pubsub.LivePubSub.errorOf;
import static dev.kindling.pubsub.LivePubSub.jid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.EventElementType;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.Node;
import org.jivesoftware.smackx.pubsub.NodeType;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.PublishModel;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.junit.jupiter.api.io.TempDir;

/**
 * Owners' use cases (XEP-0060 §8) with real clients on Prosody and ejabberd: affiliations and what each allows
 * (publisher, member, outcast, none on a whitelist node), what a hostile entity is refused, and the errors of
 * publishing (§7.1.3) with their {@code pubsub#errors} conditions.
 */
class PubSubOwnerIT {
  @TempDir
  Path dataDir;

  private static PayloadItem<SimplePayload> item(String id, String text) {
    return new PayloadItem<>(id, new SimplePayload("<entry xmlns='urn:example:news'>" + text + "</entry>"));
  }

  @XmppServerTest
  void aPublisherPublishesAndAnOutcastIsForbidden(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      LeafNode carolsView = pubsub.pubsub(pubsub.carol).getLeafNode("news");
      carolsView.subscribe(jid(pubsub.carol));
      assertError(errorOf(() -> bobsView.publish(item("early", "not yet"))), Condition.forbidden, null);

      node.modifyAffiliationAsOwner(List.of(new Affiliation(jid(pubsub.bob), Affiliation.Type.publisher),
          new Affiliation(jid(pubsub.carol), Affiliation.Type.outcast)));

      bobsView.publish(item("by-bob", "published by a publisher"));
      assertThat(node.<Item>getItems()).extracting(Item::getId).containsExactly("by-bob");
      assertThat(node.getAffiliationsAsOwner()).extracting(affiliation -> affiliation.getJid().toString(),
          Affiliation::getAffiliation).containsExactlyInAnyOrder(
              tuple(jid(pubsub.alice).toString(), Affiliation.Type.owner),
              tuple(jid(pubsub.bob).toString(), Affiliation.Type.publisher),
              tuple(jid(pubsub.carol).toString(), Affiliation.Type.outcast));
      assertThat(pubsub.pubsub(pubsub.bob).getAffiliations()).extracting(Affiliation::getNode,
          Affiliation::getAffiliation).containsExactly(tuple("news", Affiliation.Type.publisher));
      // an outcast loses her subscription (§8.9.2.4) and may not subscribe, read or publish
      assertThat(pubsub.pubsub(pubsub.carol).getSubscriptions()).isEmpty();
      assertError(errorOf(() -> carolsView.subscribe(jid(pubsub.carol))), Condition.forbidden, null);
      assertError(errorOf(carolsView::getItems), Condition.forbidden, null);
      assertError(errorOf(() -> carolsView.publish(item("by-carol", "banned"))), Condition.forbidden, null);
    }
  }

  /** {@code pubsub#publish_model}: subscribers may publish, then anyone may. */
  @XmppServerTest
  void thePublishModelDecidesWhoPublishes(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setPublishModel(PublishModel.subscribers);
      LeafNode node = (LeafNode) alice.createNode("forum", form);
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("forum");
      LeafNode carolsView = pubsub.pubsub(pubsub.carol).getLeafNode("forum");
      bobsView.subscribe(jid(pubsub.bob));

      bobsView.publish(item("by-bob", "a subscriber's post"));
      assertError(errorOf(() -> carolsView.publish(item("by-carol", "not yet"))), Condition.forbidden, null);
      FillableConfigureForm open = node.getNodeConfiguration().getFillableForm();
      open.setPublishModel(PublishModel.open);
      node.sendConfigurationForm(open);
      carolsView.publish(item("by-carol", "anyone's post"));

      assertThat(node.<Item>getItems()).extracting(Item::getId).containsExactlyInAnyOrder("by-bob", "by-carol");
    }
  }

  @XmppServerTest
  void aMemberReadsAWhitelistNodeAndOthersGetClosedNode(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setAccessModel(AccessModel.whitelist);
      LeafNode node = (LeafNode) alice.createNode("family", form);
      node.publish(item("photo", "a picture"));
      node.modifyAffiliationAsOwner(List.of(new Affiliation(jid(pubsub.bob), Affiliation.Type.member)));
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("family");
      LeafNode carolsView = pubsub.pubsub(pubsub.carol).getLeafNode("family");

      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactly("photo");
      assertThat(bobsView.subscribe(jid(pubsub.bob)).getState()).isEqualTo(Subscription.State.subscribed);
      assertError(errorOf(carolsView::getItems), Condition.not_allowed, "closed-node");
      assertError(errorOf(() -> carolsView.subscribe(jid(pubsub.carol))), Condition.not_allowed, "closed-node");
      // a member reads but does not publish
      assertError(errorOf(() -> bobsView.publish(item("by-bob", "not allowed"))), Condition.forbidden, null);
    }
  }

  @XmppServerTest
  void aHostileEntityCannotConfigureDeletePurgeOrManageANode(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      node.publish(item("a", "keep me"));
      FillableConfigureForm wanted = node.getNodeConfiguration().getFillableForm();
      wanted.setAccessModel(AccessModel.whitelist);
      PubSubManager carol = pubsub.pubsub(pubsub.carol);
      LeafNode carolsView = carol.getLeafNode("news");

      assertError(errorOf(carolsView::getNodeConfiguration), Condition.forbidden, null);
      assertError(errorOf(() -> carolsView.sendConfigurationForm(wanted)), Condition.forbidden, null);
      assertError(errorOf(() -> carol.deleteNode("news")), Condition.forbidden, null);
      assertError(errorOf(carolsView::deleteAllItems), Condition.forbidden, null);
      assertError(errorOf(() -> carolsView.deleteItem("a")), Condition.forbidden, null);
      assertError(errorOf(carolsView::getSubscriptionsAsOwner), Condition.forbidden, null);
      assertError(errorOf(carolsView::getAffiliationsAsOwner), Condition.forbidden, null);
      assertError(errorOf(() -> carolsView.modifyAffiliationAsOwner(List.of(
          new Affiliation(jid(pubsub.carol), Affiliation.Type.owner)))), Condition.forbidden, null);
      assertError(errorOf(() -> pubsub.send(pubsub.carol, IQ.Type.set, OWNER, "<subscriptions node='news'>"
          + "<subscription jid='" + jid(pubsub.carol) + "' subscription='subscribed'/></subscriptions>")),
          Condition.forbidden, null);

      assertThat(node.getNodeConfiguration().getAccessModel()).isEqualTo(AccessModel.open);
      assertThat(node.<Item>getItems()).extracting(Item::getId).containsExactly("a");
      assertThat(node.getAffiliationsAsOwner()).extracting(affiliation -> affiliation.getJid().toString())
          .containsExactly(jid(pubsub.alice).toString());
    }
  }

  /** XEP-0060 §8.2 with §9: a collection's {@code pubsub#children}, submitted, moves nodes in and out of it. */
  @XmppServerTest
  void aCollectionsChildrenAreChangedByItsConfiguration(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm collection = alice.getDefaultConfiguration().getFillableForm();
      collection.setNodeType(NodeType.collection);
      Node sports = alice.createNode("sports", collection);
      FillableConfigureForm inSports = alice.getDefaultConfiguration().getFillableForm();
      inSports.setCollection("sports");
      alice.createNode("football", inSports);
      alice.createNode("tennis");
      ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(pubsub.bob.connection());
      assertThat(sports.getNodeConfiguration().getChildren()).containsExactly("football");

      FillableConfigureForm changed = sports.getNodeConfiguration().getFillableForm();
      changed.setChildren(List.of("tennis"));
      sports.sendConfigurationForm(changed);

      assertThat(sports.getNodeConfiguration().getChildren()).containsExactly("tennis");
      assertThat(disco.discoverItems(pubsub.service(), "sports").getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactly("tennis");
      assertThat(disco.discoverItems(pubsub.service()).getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactlyInAnyOrder("sports", "football");
      assertThat(alice.getLeafNode("tennis").getNodeConfiguration().getCollection()).extracting(Object::toString)
          .containsExactly("sports");
      assertThat(alice.getLeafNode("football").getNodeConfiguration().getCollection()).isEmpty();
      // a leaf moves into a collection by its own configuration, and a deleted collection leaves its children
      FillableConfigureForm footballIn = alice.getLeafNode("football").getNodeConfiguration().getFillableForm();
      footballIn.setCollection("sports");
      alice.getLeafNode("football").sendConfigurationForm(footballIn);
      assertThat(disco.discoverItems(pubsub.service(), "sports").getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactlyInAnyOrder("tennis", "football");
      // bob owns no node to move, nor the collection
      assertError(errorOf(() -> pubsub.pubsub(pubsub.bob).getNode("sports").sendConfigurationForm(changed)),
          Condition.forbidden, null);
      alice.deleteNode("sports");
      assertThat(disco.discoverItems(pubsub.service()).getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactlyInAnyOrder("football", "tennis");
      assertThat(alice.getLeafNode("tennis").getNodeConfiguration().getCollection()).isEmpty();
    }
  }

  /** XEP-0060 §4.1: a publish-only entity publishes and retracts its own items, and reads nothing. */
  @XmppServerTest
  void aPublishOnlyEntityPublishesButDoesNotRead(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("inbox");
      node.publish(item("alices", "by the owner"));
      // Smack 4.4.8's Affiliation.Type has no publish-only
      pubsub.send(pubsub.alice, IQ.Type.set, OWNER, "<affiliations node='inbox'><affiliation jid='" + jid(pubsub.bob)
          + "' affiliation='publish-only'/></affiliations>");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("inbox");

      bobsView.publish(item("bobs", "by a publish-only entity"));

      assertError(errorOf(bobsView::getItems), Condition.forbidden, null);
      assertError(errorOf(() -> bobsView.subscribe(jid(pubsub.bob))), Condition.forbidden, null);
      assertError(errorOf(() -> bobsView.deleteItem("alices")), Condition.forbidden, null);
      bobsView.deleteItem("bobs");
      assertThat(node.<Item>getItems()).extracting(Item::getId).containsExactly("alices");
    }
  }

  /** XEP-0060 §8.8: the owner subscribes an entity and cancels another's subscription; each is told. */
  @XmppServerTest
  void theOwnerManagesSubscriptionsAndTheSubscribersAreTold(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      pubsub.pubsub(pubsub.bob).getLeafNode("news").subscribe(jid(pubsub.bob));
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);
      StanzaCollector carolsEvents = pubsub.events(pubsub.carol);

      node.modifySubscriptionsAsOwner(List.of(
          new Subscription(jid(pubsub.carol), "news", null, Subscription.State.subscribed),
          new Subscription(jid(pubsub.bob), "news", null, Subscription.State.none)));

      Subscription carols = (Subscription) EventElement.from(LivePubSub.next(carolsEvents)).getEvent();
      assertThat(carols.getState()).isEqualTo(Subscription.State.subscribed);
      Subscription bobs = (Subscription) EventElement.from(LivePubSub.next(bobsEvents)).getEvent();
      assertThat(bobs.getState()).isEqualTo(Subscription.State.none);
      assertThat(node.getSubscriptionsAsOwner()).extracting(listed -> listed.getJid().toString())
          .containsExactly(jid(pubsub.carol).toString());
      node.publish(item("for-carol", "now subscribed"));
      assertThat(EventElement.from(LivePubSub.next(carolsEvents)).getEventType()).isEqualTo(EventElementType.items);
      carolsEvents.cancel();
      bobsEvents.cancel();
    }
  }

  @XmppServerTest
  void theLastOwnerCannotBeRemoved(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");

      assertError(errorOf(() -> node.modifyAffiliationAsOwner(List.of(
          new Affiliation(jid(pubsub.alice), Affiliation.Type.none)))), Condition.not_acceptable, null);

      assertThat(node.getAffiliationsAsOwner()).extracting(Affiliation::getAffiliation)
          .containsExactly(Affiliation.Type.owner);
    }
  }

  @XmppServerTest
  void aPayloadOverTheConfiguredLimitGetsPayloadTooBig(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir, Map.of("pubsub.max-payload-bytes", "64"))) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");

      node.publish(item("small", "fits"));
      assertError(errorOf(() -> node.publish(item("big", "x".repeat(100)))), Condition.not_acceptable,
          "payload-too-big");

      assertThat(node.<Item>getItems()).extracting(Item::getId).containsExactly("small");
    }
  }

  @XmppServerTest
  void malformedPublishesGetTheirPubSubErrors(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");

      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB,
          "<publish><item><entry xmlns='urn:example:news'/></item></publish>")), Condition.bad_request,
          "nodeid-required");
      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<publish node='news'/>")),
          Condition.bad_request, "item-required");
      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<publish node='news'><item id='x'>"
          + "<a xmlns='urn:example'/><b xmlns='urn:example'/></item></publish>")), Condition.bad_request,
          "invalid-payload");
      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB,
          "<publish node='news'><item id='x'/></publish>")), Condition.bad_request, "payload-required");
      pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<create node='typed'/><configure>"
          + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
          + "<value>http://jabber.org/protocol/pubsub#node_config</value></field>"
          + "<field var='pubsub#type'><value>urn:example:news</value></field></x></configure>");
      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<publish node='typed'><item id='x'>"
          + "<entry xmlns='urn:example:other'/></item></publish>")), Condition.bad_request, "invalid-payload");
      pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<publish node='typed'><item id='y'>"
          + "<entry xmlns='urn:example:news'/></item></publish>");
    }
  }

  /** The "node does not exist" case of every use case (XEP-0060 §6.1.3.11, §6.2.3.4, §7.2.3.2, §8.4.3.2, …). */
  @XmppServerTest
  void everyRequestOnAMissingNodeGetsItemNotFound(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      String bob = jid(pubsub.bob).toString();
      for (String request : List.of("<subscribe node='nowhere' jid='" + bob + "'/>",
          "<unsubscribe node='nowhere' jid='" + bob + "'/>", "<retract node='nowhere'><item id='x'/></retract>")) {
        assertError(errorOf(() -> pubsub.send(pubsub.bob, IQ.Type.set, PUBSUB, request)), Condition.item_not_found,
            null);
      }
      assertError(errorOf(() -> pubsub.send(pubsub.bob, IQ.Type.get, PUBSUB, "<options node='nowhere' jid='" + bob
          + "'/>")), Condition.item_not_found, null);
      for (String request : List.of("<delete node='nowhere'/>", "<purge node='nowhere'/>",
          "<affiliations node='nowhere'><affiliation jid='" + bob + "' affiliation='member'/></affiliations>")) {
        assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, OWNER, request)), Condition.item_not_found,
            null);
      }
      // Smack answers false for a delete that met item-not-found
      assertThat(pubsub.pubsub(pubsub.alice).deleteNode("nowhere")).isFalse();
    }
  }

  @XmppServerTest
  void aRetractWithoutNodeOrItemGetsItsPubSubError(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");

      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<retract><item id='x'/></retract>")),
          Condition.bad_request, "nodeid-required");
      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<retract node='news'/>")),
          Condition.bad_request, "item-required");
    }
  }

  /** A hostile client's ids longer than the service keeps are refused as such, not as a failure of the service. */
  @XmppServerTest
  void idsLongerThanTheServiceKeepsGetNotAcceptable(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      String tooLong = "x".repeat(1025);
      pubsub.pubsub(pubsub.carol).createNode("carols");

      assertError(errorOf(() -> pubsub.pubsub(pubsub.carol).createNode(tooLong)), Condition.not_acceptable, null);
      assertError(errorOf(() -> pubsub.send(pubsub.carol, IQ.Type.set, PUBSUB, "<publish node='" + tooLong
          + "'><item id='x'><entry xmlns='urn:example:news'/></item></publish>")), Condition.not_acceptable, null);
      assertError(errorOf(() -> pubsub.send(pubsub.carol, IQ.Type.set, PUBSUB, "<publish node='carols'><item id='"
          + tooLong + "'><entry xmlns='urn:example:news'/></item></publish>")), Condition.not_acceptable, null);

      assertThat(pubsub.pubsub(pubsub.carol).discoverNodes(null).getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactly("carols");
      assertThat(pubsub.pubsub(pubsub.carol).getLeafNode("carols").<Item>getItems()).isEmpty();
      pubsub.pubsub(pubsub.carol).getLeafNode("carols").publish(item("fine", "the service is well"));
    }
  }

  /** The operator's limits on nodes per creator and subscriptions per user, freed again by deletes. */
  @XmppServerTest
  void theLimitsOnNodesAndSubscriptionsHold(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir, Map.of("pubsub.max-nodes-per-owner", "2",
        "pubsub.max-subscriptions-per-jid", "2"))) {
      PubSubManager carol = pubsub.pubsub(pubsub.carol);
      carol.createNode("one");
      carol.createNode("two");
      assertError(errorOf(() -> carol.createNode("three")), Condition.not_allowed, "max-nodes-exceeded");
      carol.deleteNode("two");
      carol.createNode("three");

      LeafNode one = carol.getLeafNode("one");
      one.subscribe(jid(pubsub.carol));
      carol.getLeafNode("three").subscribe(jid(pubsub.carol));
      LeafNode bobs = pubsub.pubsub(pubsub.bob).createNode("bobs");
      assertError(errorOf(() -> carol.getLeafNode("bobs").subscribe(jid(pubsub.carol))), Condition.policy_violation,
          "too-many-subscriptions");
      one.unsubscribe(jid(pubsub.carol).toString());
      carol.getLeafNode("bobs").subscribe(jid(pubsub.carol));
      carol.deleteNode("three");
      assertThat(carol.getSubscriptions()).extracting(Subscription::getNode).containsExactly("bobs");
      one.subscribe(jid(pubsub.carol));
      assertThat(bobs.getSubscriptionsAsOwner()).hasSize(1);
    }
  }

  /** A client that floods gets resource-constraint (type wait) and is served again once it slows down. */
  @XmppServerTest
  void aFloodingClientIsToldToWait(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir, Map.of("pubsub.requests-per-second", "5"))) {
      pubsub.pubsub(pubsub.alice).createNode("news");
      List<SmackFuture<IQ, Exception>> answers = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        answers.add(pubsub.sendAsync(pubsub.carol, IQ.Type.get, PUBSUB, "<items node='news'/>"));
      }
      int refused = 0;
      for (SmackFuture<IQ, Exception> answer : answers) {
        try {
          answer.getOrThrow();
        } catch (XMPPErrorException e) {
          assertThat(e.getStanzaError().getCondition()).isEqualTo(Condition.resource_constraint);
          assertThat(e.getStanzaError().getType()).isEqualTo(StanzaError.Type.WAIT);
          refused++;
        }
      }

      assertThat(refused).isGreaterThan(0);
      // bob is not slowed down by carol, and carol is served again after a while
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode("news").<Item>getItems()).isEmpty();
      await().atMost(Duration.ofSeconds(5))
          .ignoreException(XMPPErrorException.class)
          .until(() -> pubsub.send(pubsub.carol, IQ.Type.get, PUBSUB, "<items node='news'/>") != null);
    }
  }

  @XmppServerTest
  void onlyTheConfiguredCreatorsCreateNodes(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir, Map.of("pubsub.creators", "alice@localhost"))) {
      pubsub.pubsub(pubsub.alice).createNode("news");

      assertError(errorOf(() -> pubsub.pubsub(pubsub.bob).createNode("bobs")), Condition.forbidden, null);
      // a publish to a missing node does not create it for someone who may not create nodes
      assertError(errorOf(() -> pubsub.send(pubsub.bob, IQ.Type.set, PUBSUB,
          "<publish node='bobs'><item id='x'><entry xmlns='urn:example:news'/></item></publish>")),
          Condition.item_not_found, null);
    }
  }
}
