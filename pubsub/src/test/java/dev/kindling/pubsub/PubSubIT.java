package dev.kindling.pubsub;

import static dev.kindling.pubsub.LivePubSub.OWNER;
import static dev.kindling.pubsub.LivePubSub.PUBSUB;
import static dev.kindling.pubsub.LivePubSub.WAIT_SECONDS;
import static dev.kindling.pubsub.LivePubSub.assertError;
import static dev.kindling.pubsub.LivePubSub.errorOf;
import static dev.kindling.pubsub.LivePubSub.jid;
import static dev.kindling.pubsub.LivePubSub.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Affiliation;
import org.jivesoftware.smackx.pubsub.ConfigurationEvent;
import org.jivesoftware.smackx.pubsub.EventElement;
import org.jivesoftware.smackx.pubsub.EventElementType;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.ItemDeleteEvent;
import org.jivesoftware.smackx.pubsub.ItemPublishEvent;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.NodeType;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.Subscription;
import org.jivesoftware.smackx.pubsub.form.ConfigureForm;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.listener.ItemDeleteListener;
import org.jivesoftware.smackx.shim.packet.Header;
import org.jivesoftware.smackx.shim.packet.HeadersExtension;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PubSub service as a user runs it ({@link PubSubModule} in {@code Kindling}), on Prosody and ejabberd, with
 * Smack clients: discovery, a node's life (create, configure, purge, delete), publishing, retracting and reading
 * items, and a restart on the same database.
 */
class PubSubIT {
  /**
   * The node's title. Smack 4.4.8's {@code ConfigureForm.getTitle()} answers the data form's {@code <title/>}
   * ({@code FilledForm} overrides the reader's default), not this field: read the field itself.
   */
  private static final String TITLE = "pubsub#title";

  @TempDir
  Path dataDir;

  private static SimplePayload entry(String text) {
    return new SimplePayload("<entry xmlns='urn:example:news'>" + text + "</entry>");
  }

  private static PayloadItem<SimplePayload> item(String id, String text) {
    return new PayloadItem<>(id, entry(text));
  }

  /** Every notification bob's Smack delivers for {@code node}. */
  private static BlockingQueue<ItemPublishEvent<Item>> published(LeafNode node) {
    BlockingQueue<ItemPublishEvent<Item>> events = new LinkedBlockingQueue<>();
    node.addItemEventListener(events::add);
    return events;
  }

  private static ItemPublishEvent<Item> nextPublished(BlockingQueue<ItemPublishEvent<Item>> events)
      throws InterruptedException {
    ItemPublishEvent<Item> event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(event).as("a notification within " + WAIT_SECONDS + " s").isNotNull();
    return event;
  }

  private static String attribute(CharSequence xml, String element, String attribute) {
    Matcher matcher = Pattern.compile("<" + element + "\\b[^>]*\\b" + attribute + "=['\"]([^'\"]*)['\"]").matcher(xml);
    assertThat(matcher.find()).as("<%s %s=…> in %s", element, attribute, xml).isTrue();
    return matcher.group(1);
  }

  @XmppServerTest
  void theServiceIsListedByTheServerAndFoundBySmack(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(pubsub.alice.connection());

      DiscoverItems serverItems = disco.discoverItems(JidCreate.domainBareFrom(server.domain()));

      assertThat(serverItems.getItems()).extracting(listed -> listed.getEntityID().toString())
          .contains(pubsub.service().toString());
      assertThat(disco.discoverInfo(pubsub.service()).hasIdentity("pubsub", "service")).isTrue();
    }
  }

  @XmppServerTest
  void theServiceHasThePubSubIdentityAndTheFeaturesItImplements(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      DiscoverInfo info = pubsub.pubsub(pubsub.alice).getSupportedFeatures();

      assertThat(info.hasIdentity("pubsub", "service")).as(info.toXML().toString()).isTrue();
      List<String> features = info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).toList();
      assertThat(features).contains(PUBSUB, PUBSUB + "#create-nodes", PUBSUB + "#instant-nodes",
          PUBSUB + "#publish", PUBSUB + "#publish-options", PUBSUB + "#subscribe", PUBSUB + "#retrieve-items",
          PUBSUB + "#retract-items", PUBSUB + "#config-node", PUBSUB + "#delete-nodes", PUBSUB + "#purge-nodes",
          PUBSUB + "#collections", PUBSUB + "#access-authorize", PUBSUB + "#modify-affiliations");
      assertThat(features).doesNotContain(PUBSUB + "#presence-notifications", PUBSUB + "#access-presence",
          PUBSUB + "#access-roster");
      assertThat(pubsub.pubsub(pubsub.alice).supportsAutomaticNodeCreation()).isTrue();
    }
  }

  @XmppServerTest
  void aNodeHasTheLeafIdentityItsMetaDataAndItsItemsInDisco(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setTitle("Princely musings");
      LeafNode node = (LeafNode) alice.createNode("princely_musings", form);
      node.publish(item("ae890ac52d0df67ed7cfdf51b644e901", "To be, or not to be"));
      ServiceDiscoveryManager bobsDisco = ServiceDiscoveryManager.getInstanceFor(pubsub.bob.connection());

      DiscoverInfo info = bobsDisco.discoverInfo(pubsub.service(), "princely_musings");
      assertThat(info.getIdentities()).singleElement().satisfies(identity -> {
        assertThat(identity.getCategory()).isEqualTo("pubsub");
        assertThat(identity.getType()).isEqualTo("leaf");
      });
      DataForm metaData = DataForm.from(info);
      assertThat(metaData.getFormType()).isEqualTo(PUBSUB + "#meta-data");
      assertThat(metaData.getField("pubsub#title").getFirstValue()).isEqualTo("Princely musings");
      assertThat(metaData.getField("pubsub#owner").getValuesAsString()).containsExactly(jid(pubsub.alice).toString());
      assertThat(metaData.getField("pubsub#access_model").getFirstValue()).isEqualTo("open");

      DiscoverItems nodes = bobsDisco.discoverItems(pubsub.service());
      assertThat(nodes.getItems()).singleElement().satisfies(listed -> {
        assertThat(listed.getNode()).isEqualTo("princely_musings");
        assertThat(listed.getName()).isEqualTo("Princely musings");
      });
      DiscoverItems items = bobsDisco.discoverItems(pubsub.service(), "princely_musings");
      assertThat(items.getItems()).extracting(DiscoverItems.Item::getName)
          .containsExactly("ae890ac52d0df67ed7cfdf51b644e901");
    }
  }

  @XmppServerTest
  void aNodeIsCreatedNamedInstantOrConfigured(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);

      LeafNode named = alice.createNode("news");
      LeafNode instant = alice.createNode();
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setTitle("Weather");
      form.setMaxItems(5);
      form.setAccessModel(AccessModel.whitelist);
      alice.createNode("weather", form);

      assertThat(named.getId()).isEqualTo("news");
      assertThat(instant.getId()).isNotBlank().isNotEqualTo("news");
      assertThat(pubsub.pubsub(pubsub.bob).discoverNodes(null).getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactlyInAnyOrder("news", instant.getId(), "weather");
      ConfigureForm weather = alice.getLeafNode("weather").getNodeConfiguration();
      assertThat(weather.readFirstValue(TITLE)).isEqualTo("Weather");
      assertThat(weather.getMaxItems()).isEqualTo(5);
      assertThat(weather.getAccessModel()).isEqualTo(AccessModel.whitelist);
      assertThat(alice.getAffiliations()).extracting(Affiliation::getNode, Affiliation::getAffiliation)
          .containsExactlyInAnyOrder(
              tuple("news", Affiliation.Type.owner),
              tuple(instant.getId(), Affiliation.Type.owner),
              tuple("weather", Affiliation.Type.owner));
    }
  }

  @XmppServerTest
  void creatingANodeThatExistsGetsConflict(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");

      assertError(errorOf(() -> pubsub.pubsub(pubsub.bob).createNode("news")), Condition.conflict, null);
    }
  }

  @XmppServerTest
  void theOwnerReadsAndChangesTheConfigurationAndSubscribersAreTold(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm atCreation = alice.getDefaultConfiguration().getFillableForm();
      atCreation.setNotifyConfig(true);
      LeafNode node = (LeafNode) alice.createNode("news", atCreation);
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      bobsView.subscribe(jid(pubsub.bob));
      BlockingQueue<ConfigurationEvent> changes = new LinkedBlockingQueue<>();
      bobsView.addConfigurationListener(changes::add);

      ConfigureForm before = node.getNodeConfiguration();
      assertThat(before.readFirstValue(TITLE)).isNullOrEmpty();
      assertThat(before.getMaxItems()).isEqualTo(100);
      assertThat(before.isNotifyConfig()).isTrue();
      for (String id : List.of("a", "b", "c", "d", "e")) {
        node.publish(item(id, id));
      }
      FillableConfigureForm changed = before.getFillableForm();
      changed.setTitle("Breaking news");
      changed.setMaxItems(3);
      node.sendConfigurationForm(changed);

      ConfigureForm after = node.getNodeConfiguration();
      assertThat(after.readFirstValue(TITLE)).isEqualTo("Breaking news");
      assertThat(after.getMaxItems()).isEqualTo(3);
      ConfigurationEvent told = changes.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(told).as("bob is told of the new configuration").isNotNull();
      assertThat(told.getNode()).isEqualTo("news");
      assertThat(told.getConfiguration().readFirstValue(TITLE)).isEqualTo("Breaking news");
      // lowering max_items drops the oldest items
      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactlyInAnyOrder("c", "d", "e");
      assertThat(bobsView.<Item>getItems(List.of("a", "b"))).isEmpty();
    }
  }

  @XmppServerTest
  void deletingANodeTellsItsSubscribersAndTheNodeIsGone(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      alice.createNode("doomed");
      pubsub.pubsub(pubsub.bob).getLeafNode("doomed").subscribe(jid(pubsub.bob));
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);

      assertThat(alice.deleteNode("doomed")).isTrue();

      Message told = next(bobsEvents);
      bobsEvents.cancel();
      EventElement event = EventElement.from(told);
      assertThat(event.getEventType()).isEqualTo(EventElementType.delete);
      assertThat(event.getEvent().getNode()).isEqualTo("doomed");
      assertThat(alice.discoverNodes(null).getItems()).isEmpty();
      assertError(errorOf(() -> pubsub.send(pubsub.bob, IQ.Type.get, PUBSUB, "<items node='doomed'/>")),
          Condition.item_not_found, null);
    }
  }

  /**
   * XEP-0060 §8.4.1: a delete with a redirect tells the subscribers. Smack 4.4.8 parses the event's {@code
   * <delete/>} without its {@code <redirect/>}, so the redirect itself is checked in {@link PubSubServiceTest}.
   */
  @XmppServerTest
  void aDeletedNodesSubscribersAreToldWhereItMoved(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("old-news");
      pubsub.pubsub(pubsub.bob).getLeafNode("old-news").subscribe(jid(pubsub.bob));
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);
      String uri = "xmpp:" + pubsub.service() + "?;node=news";

      pubsub.send(pubsub.alice, IQ.Type.set, OWNER, "<delete node='old-news'><redirect uri='" + uri + "'/></delete>");

      Message told = next(bobsEvents);
      bobsEvents.cancel();
      assertThat(EventElement.from(told).getEventType()).isEqualTo(EventElementType.delete);
      assertThat(EventElement.from(told).getEvent().getNode()).isEqualTo("old-news");
    }
  }

  /**
   * The node's delivery options: no payload, messages of type normal (XEP-0060 §16.4.3). Smack 4.4.8 parses an
   * event's {@code <item/>} without its {@code publisher} attribute ({@code pubsub#itemreply=publisher}), so that
   * is checked in {@link PubSubServiceTest}.
   */
  @XmppServerTest
  void notificationsFollowTheNodesDeliveryOptions(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setDeliverPayloads(false);
      form.setAnswer("pubsub#notification_type", "normal");
      LeafNode node = (LeafNode) alice.createNode("light", form);
      pubsub.pubsub(pubsub.bob).getLeafNode("light").subscribe(jid(pubsub.bob));
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);

      node.publish(item("heavy", "the payload stays on the service"));

      Message told = next(bobsEvents);
      bobsEvents.cancel();
      assertThat(told.getType()).isEqualTo(Message.Type.normal);
      String xml = told.toXML().toString();
      assertThat(attribute(xml, "item", "id")).isEqualTo("heavy");
      assertThat(xml).doesNotContain("the payload stays on the service");
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode("light").<Item>getItems()).singleElement()
          .satisfies(kept -> assertThat(kept.toXML().toString()).contains("the payload stays on the service"));
    }
  }

  @XmppServerTest
  void purgingANodeRemovesItsItemsAndTellsItsSubscribers(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      node.publish(item("a", "first"));
      node.publish(item("b", "second"));
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      bobsView.subscribe(jid(pubsub.bob));
      CountDownLatch purged = new CountDownLatch(1);
      bobsView.addItemDeleteListener(new ItemDeleteListener() {
        @Override
        public void handleDeletedItems(ItemDeleteEvent items) {}

        @Override
        public void handlePurge() {
          purged.countDown();
        }
      });

      node.deleteAllItems();

      assertThat(purged.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("bob is told of the purge").isTrue();
      assertThat(bobsView.<Item>getItems()).isEmpty();
    }
  }

  @XmppServerTest
  void aPublishedItemReachesTheSubscriberWithItsPayload(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      Subscription subscription = bobsView.subscribe(jid(pubsub.bob));
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);

      node.publish(item("first", "Grüße aus 🔥"));

      assertThat(subscription.getState()).isEqualTo(Subscription.State.subscribed);
      ItemPublishEvent<Item> event = nextPublished(events);
      assertThat(event.getNodeId()).isEqualTo("news");
      assertThat(event.getItems()).singleElement().satisfies(received -> {
        assertThat(received.getId()).isEqualTo("first");
        assertThat(received.toXML().toString()).contains("<entry xmlns='urn:example:news'>Grüße aus 🔥</entry>");
      });
    }
  }

  @XmppServerTest
  void anItemPublishedWithoutAnIdGetsOneFromTheService(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      pubsub.pubsub(pubsub.alice).createNode("news");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      bobsView.subscribe(jid(pubsub.bob));
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);

      IQ answer = pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB,
          "<publish node='news'><item><entry xmlns='urn:example:news'>no id</entry></item></publish>");

      String id = attribute(answer.toXML(), "item", "id");
      assertThat(id).isNotBlank();
      assertThat(nextPublished(events).getItems()).extracting(Item::getId).containsExactly(id);
      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactly(id);
    }
  }

  @XmppServerTest
  void publishingAnExistingIdReplacesTheItem(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("status");
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("status");
      bobsView.subscribe(jid(pubsub.bob));
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);

      node.publish(item("current", "away"));
      node.publish(item("current", "back"));

      assertThat(nextPublished(events).getItems().get(0).toXML().toString()).contains(">away<");
      assertThat(nextPublished(events).getItems().get(0).toXML().toString()).contains(">back<");
      List<Item> items = bobsView.getItems();
      assertThat(items).singleElement().satisfies(kept -> {
        assertThat(kept.getId()).isEqualTo("current");
        assertThat(kept.toXML().toString()).contains(">back<").doesNotContain(">away<");
      });
      // a republished id counts as the newest item
      node.publish(item("other", "busy"));
      node.publish(item("current", "back again"));
      assertThat(bobsView.<Item>getItems(1)).extracting(Item::getId).containsExactly("current");
    }
  }

  @XmppServerTest
  void retractingWithNotifyTellsTheSubscriberAndRemovesTheItem(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      node.publish(item("a", "first"));
      node.publish(item("b", "second"));
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");
      bobsView.subscribe(jid(pubsub.bob));
      BlockingQueue<ItemDeleteEvent> retracted = new LinkedBlockingQueue<>();
      bobsView.addItemDeleteListener(new ItemDeleteListener() {
        @Override
        public void handleDeletedItems(ItemDeleteEvent items) {
          retracted.add(items);
        }

        @Override
        public void handlePurge() {}
      });

      // as Conversations retracts (IqGenerator.deleteItem): notify='true'
      pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<retract node='news' notify='true'><item id='a'/></retract>");

      ItemDeleteEvent event = retracted.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertThat(event).as("bob is told of the retraction").isNotNull();
      assertThat(event.getItemIds()).containsExactly("a");
      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactly("b");
      assertError(errorOf(() -> node.deleteItem("a")), Condition.item_not_found, null);
    }
  }

  @XmppServerTest
  void itemsAreReadAllTheNewestOrById(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      node.publish(item("a", "first"));
      node.publish(item("b", "second"));
      node.publish(item("c", "third"));
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("news");

      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactlyInAnyOrder("a", "b", "c");
      assertThat(bobsView.<Item>getItems(2)).extracting(Item::getId).containsExactlyInAnyOrder("b", "c");
      List<Item> byId = bobsView.getItems(List.of("a"));
      assertThat(byId).singleElement().satisfies(found -> {
        assertThat(found.getId()).isEqualTo("a");
        assertThat(found.toXML().toString()).contains(">first<");
      });
    }
  }

  /**
   * A client that pipelines its publishes (sends the next before the answer to the last) finds the node holding
   * {@code pubsub#max_items}, the oldest gone even when asked for by id, and so after a restart.
   */
  @XmppServerTest
  void pipelinedPublishesKeepTheNodeAtItsMaxItems(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setMaxItems(3);
      alice.createNode("ticker", form);
      List<SmackFuture<IQ, Exception>> answers = new ArrayList<>();

      for (int i = 0; i < 20; i++) {
        answers.add(pubsub.sendAsync(pubsub.alice, IQ.Type.set, PUBSUB, "<publish node='ticker'><item id='p" + i
            + "'><entry xmlns='urn:example:news'>" + i + "</entry></item></publish>"));
      }
      for (SmackFuture<IQ, Exception> answer : answers) {
        assertThat(answer.getOrThrow().getType()).isEqualTo(IQ.Type.result);
      }

      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode("ticker");
      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactlyInAnyOrder("p17", "p18", "p19");
      assertThat(bobsView.<Item>getItems(List.of("p0", "p16"))).isEmpty();
      pubsub.restart();
      assertThat(bobsView.<Item>getItems(List.of("p0", "p16", "p19"))).extracting(Item::getId).containsExactly("p19");
      alice.getLeafNode("ticker").publish(item("p20", "20"));
      assertThat(bobsView.<Item>getItems()).extracting(Item::getId).containsExactlyInAnyOrder("p18", "p19", "p20");
    }
  }

  /** Node and item ids with characters XML and SQL treat specially, payloads in prefixed namespaces, a large one. */
  @XmppServerTest
  void oddIdsPrefixedAndLargePayloadsComeBackAsPublished(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      String odd = "Grüße/ünï 🔥 & <x> 'q' \"dq\" %_;--";
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode(odd);
      LeafNode bobsView = pubsub.pubsub(pubsub.bob).getLeafNode(odd);
      bobsView.subscribe(jid(pubsub.bob));
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);
      String big = "A".repeat(150_000);

      node.publish(item(odd, "odd"));
      pubsub.send(pubsub.alice, IQ.Type.set, PUBSUB, "<publish node='" + odd.replace("&", "&amp;").replace("<", "&lt;")
          .replace(">", "&gt;").replace("'", "&apos;") + "'><item id='geo' xmlns:g='http://jabber.org/protocol/geoloc'>"
          + "<g:geoloc><g:lat>45.44</g:lat><g:lon>12.33</g:lon></g:geoloc></item></publish>");
      node.publish(new PayloadItem<>("big", new SimplePayload("<data xmlns='urn:xmpp:avatar:data'>" + big
          + "</data>")));

      assertThat(nextPublished(events).getItems()).extracting(Item::getId).containsExactly(odd);
      assertThat(nextPublished(events).getItems().get(0).toXML().toString()).contains("45.44");
      assertThat(nextPublished(events).getItems().get(0).toXML().toString()).contains(big);
      assertThat(pubsub.pubsub(pubsub.bob).discoverNodes(null).getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactly(odd);
      List<Item> items = bobsView.getItems();
      assertThat(items).extracting(Item::getId).containsExactlyInAnyOrder(odd, "geo", "big");
      assertThat(items).filteredOn(kept -> kept.getId().equals("geo")).singleElement()
          .satisfies(geo -> assertThat(geo.toXML().toString()).contains("http://jabber.org/protocol/geoloc")
              .contains("45.44"));
      assertThat(items).filteredOn(kept -> kept.getId().equals("big")).singleElement()
          .satisfies(kept -> assertThat(kept.toXML().toString()).contains(big));
      assertThat(bobsView.<Item>getItems(List.of(odd))).extracting(Item::getId).containsExactly(odd);
    }
  }

  /** XEP-0060 §6.5.4: items in pages with XEP-0059 Result Set Management, the set a child of {@code <pubsub/>}. */
  @XmppServerTest
  void itemsArePagedWithResultSetManagement(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      LeafNode node = pubsub.pubsub(pubsub.alice).createNode("news");
      for (String id : List.of("a", "b", "c", "d", "e")) {
        node.publish(item(id, id));
      }
      List<String> seen = new ArrayList<>();
      String after = null;
      for (int page = 0; page < 3; page++) {
        IQ answer = pubsub.send(pubsub.bob, IQ.Type.get, PUBSUB, "<items node='news'/><set xmlns='"
            + "http://jabber.org/protocol/rsm'><max>2</max>" + (after == null ? "" : "<after>" + after + "</after>")
            + "</set>");
        String xml = answer.toXML().toString();
        List<String> ids = Pattern.compile("<item\\b[^>]*\\bid=['\"]([^'\"]*)['\"]").matcher(xml).results()
            .map(match -> match.group(1)).toList();
        assertThat(ids).as(xml).hasSize(page < 2 ? 2 : 1);
        assertThat(xml).contains("<count>5</count>");
        seen.addAll(ids);
        after = xml.replaceAll("(?s).*<last>([^<]*)</last>.*", "$1");
      }

      assertThat(seen).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }
  }

  @XmppServerTest
  void readingItemsOfAMissingNodeGetsItemNotFound(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      assertError(errorOf(() -> pubsub.send(pubsub.bob, IQ.Type.get, PUBSUB, "<items node='nowhere'/>")),
          Condition.item_not_found, null);
      assertError(errorOf(() -> ServiceDiscoveryManager.getInstanceFor(pubsub.bob.connection())
          .discoverInfo(pubsub.service(), "nowhere")), Condition.item_not_found, null);
      assertError(errorOf(() -> pubsub.send(pubsub.alice, IQ.Type.get, OWNER, "<configure node='nowhere'/>")),
          Condition.item_not_found, null);
    }
  }

  @XmppServerTest
  void nodesItemsSubscriptionsAndAffiliationsOutliveARestart(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm form = alice.getDefaultConfiguration().getFillableForm();
      form.setTitle("Durable");
      form.setMaxItems(10);
      LeafNode node = (LeafNode) alice.createNode("durable", form);
      node.modifyAffiliationAsOwner(List.of(new Affiliation(jid(pubsub.bob), Affiliation.Type.publisher),
          new Affiliation(jid(pubsub.carol), Affiliation.Type.outcast)));
      pubsub.pubsub(pubsub.bob).getLeafNode("durable").subscribe(jid(pubsub.bob));
      node.publish(item("a", "first"));
      node.publish(item("b", "second"));

      pubsub.restart();

      PubSubManager bob = pubsub.pubsub(pubsub.bob);
      assertThat(bob.discoverNodes(null).getItems()).extracting(DiscoverItems.Item::getNode).containsExactly("durable");
      LeafNode bobsView = bob.getLeafNode("durable");
      assertThat(bobsView.<Item>getItems()).extracting(item -> item.getId() + " " + item.toXML().toString()
          .replaceAll(".*<entry[^>]*>([^<]*)</entry>.*", "$1")).containsExactlyInAnyOrder("a first", "b second");
      assertThat(bob.getSubscriptions()).singleElement().satisfies(subscription -> {
        assertThat(subscription.getNode()).isEqualTo("durable");
        assertThat(subscription.getState()).isEqualTo(Subscription.State.subscribed);
      });
      assertThat(alice.getLeafNode("durable").getNodeConfiguration().readFirstValue(TITLE)).isEqualTo("Durable");
      assertThat(alice.getLeafNode("durable").getAffiliationsAsOwner())
          .extracting(affiliation -> affiliation.getJid().toString(), Affiliation::getAffiliation)
          .containsExactlyInAnyOrder(
              tuple(jid(pubsub.alice).toString(), Affiliation.Type.owner),
              tuple(jid(pubsub.bob).toString(), Affiliation.Type.publisher),
              tuple(jid(pubsub.carol).toString(), Affiliation.Type.outcast));
      BlockingQueue<ItemPublishEvent<Item>> events = published(bobsView);
      bobsView.publish(item("c", "after the restart"));
      assertThat(nextPublished(events).getItems()).extracting(Item::getId).containsExactly("c");
    }
  }

  /**
   * A collection with its leaves, and a subscription still waiting for its owner's approval, come back after a
   * restart: the owner answers the form she was sent before it, and the approved subscriber gets the leaf's
   * items; the collection's subscriber gets the items of the open leaf (not those of the authorize leaf, which she
   * was never approved for).
   */
  @XmppServerTest
  void aCollectionAndAPendingSubscriptionOutliveARestart(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);
      FillableConfigureForm collection = alice.getDefaultConfiguration().getFillableForm();
      collection.setNodeType(NodeType.collection);
      alice.createNode("sports", collection);
      FillableConfigureForm leaf = alice.getDefaultConfiguration().getFillableForm();
      leaf.setCollection("sports");
      leaf.setAccessModel(AccessModel.authorize);
      LeafNode football = (LeafNode) alice.createNode("football", leaf);
      FillableConfigureForm openLeaf = alice.getDefaultConfiguration().getFillableForm();
      openLeaf.setCollection("sports");
      LeafNode tennis = (LeafNode) alice.createNode("tennis", openLeaf);
      pubsub.pubsub(pubsub.carol).getNode("sports").subscribe(jid(pubsub.carol));
      StanzaCollector alicesInbox = pubsub.messages(pubsub.alice);
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode("football").subscribe(jid(pubsub.bob)).getState())
          .isEqualTo(Subscription.State.pending);
      DataForm request = DataForm.from(next(alicesInbox), LivePubSub.SUBSCRIBE_AUTHORIZATION);
      alicesInbox.cancel();

      pubsub.restart();

      ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(pubsub.bob.connection());
      assertThat(disco.discoverInfo(pubsub.service(), "sports").hasIdentity("pubsub", "collection")).isTrue();
      assertThat(disco.discoverItems(pubsub.service(), "sports").getItems()).extracting(DiscoverItems.Item::getNode)
          .containsExactly("football", "tennis");
      assertThat(pubsub.pubsub(pubsub.bob).getSubscriptions()).extracting(Subscription::getState)
          .containsExactly(Subscription.State.pending);
      StanzaCollector bobsEvents = pubsub.events(pubsub.bob);
      pubsub.alice.connection().sendStanza(pubsub.authorization(request, true));
      Subscription approved = (Subscription) EventElement.from(next(bobsEvents)).getEvent();
      assertThat(approved.getState()).isEqualTo(Subscription.State.subscribed);
      StanzaCollector carolsEvents = pubsub.events(pubsub.carol);

      football.publish(item("goal", "1:0"));
      tennis.publish(item("ace", "15:0"));

      assertThat(EventElement.from(next(bobsEvents)).getEventType()).isEqualTo(EventElementType.items);
      Message viaCollection = next(carolsEvents);
      assertThat(EventElement.from(viaCollection).getEvent().getNode()).isEqualTo("tennis");
      assertThat(HeadersExtension.from(viaCollection).getHeaders()).extracting(Header::getValue)
          .containsExactly("sports");
      bobsEvents.cancel();
      carolsEvents.cancel();
    }
  }
}
