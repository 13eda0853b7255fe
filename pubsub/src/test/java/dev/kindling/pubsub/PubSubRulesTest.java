package dev.kindling.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.pubsub.service.PubSubService;
import dev.kindling.testkit.ComponentTester;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;

/**
 * The service's rules on one component, no server: publish-options as preconditions with the stanzas OMEMO
 * clients send, who may do what, and the limits, each refusal with XEP-0060's error.
 */
class PubSubRulesTest {
  private static final String PUBSUB = "<pubsub xmlns='http://jabber.org/protocol/pubsub'>";
  private static final String OWNER = "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'>";

  @TempDir
  Path dataDir;

  private static IQ set(ComponentTester pubsub, String from, String body) {
    return pubsub.iq("<iq type='set' id='" + System.nanoTime() + "' from='" + from + "' to='pubsub.localhost'>"
        + body + "</iq>");
  }

  private static IQ get(ComponentTester pubsub, String from, String body) {
    return pubsub.iq("<iq type='get' id='" + System.nanoTime() + "' from='" + from + "' to='pubsub.localhost'>"
        + body + "</iq>");
  }

  /** The next message the service sends, skipping IQ answers; within 5 s per stanza, 20 stanzas at most. */
  private static String nextMessage(ComponentTester pubsub) {
    for (int i = 0; i < 20; i++) {
      String xml = pubsub.nextSent().toXML();
      if (xml.startsWith("<message")) {
        return xml;
      }
    }
    throw new AssertionError("no message among the next 20 stanzas");
  }

  private static String errorOf(IQ answer) {
    assertThat(answer.getType()).as(answer.toXML()).isEqualTo(IQ.Type.error);
    return answer.getError().getElement().asXML();
  }

  /** Conversations' OMEMO device list publish (its PublishOptions.openAccess()). */
  private static String deviceList(String accessModel) {
    return PUBSUB + "<publish node='eu.siacs.conversations.axolotl.devicelist'><item id='current'>"
        + "<list xmlns='eu.siacs.conversations.axolotl'><device id='1234'/></list></item></publish>"
        + "<publish-options><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
        + "<field var='pubsub#access_model'><value>" + accessModel + "</value></field>"
        + "</x></publish-options></pubsub>";
  }

  /** Dino's OMEMO bundle publish: open access, and as many items as the service allows. */
  private static final String BUNDLE = PUBSUB + "<publish node='eu.siacs.conversations.axolotl.bundles:1234'>"
      + "<item id='current'><bundle xmlns='eu.siacs.conversations.axolotl'><signedPreKeyPublic signedPreKeyId='1'>"
      + "AAAA</signedPreKeyPublic></bundle></item></publish>"
      + "<publish-options><x xmlns='jabber:x:data' type='submit'>"
      + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#publish-options</value></field>"
      + "<field var='pubsub#access_model'><value>open</value></field>"
      + "<field var='pubsub#max_items'><value>max</value></field>"
      + "<field var='pubsub#persist_items'><value>true</value></field>"
      + "</x></publish-options></pubsub>";

  @Test
  void omemoPublishOptionsCreateTheNodeThenActAsPreconditions() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      assertThat(set(pubsub, "alice@localhost/phone", deviceList("open")).getType()).isEqualTo(IQ.Type.result);
      assertThat(set(pubsub, "alice@localhost/phone", deviceList("open")).getType()).isEqualTo(IQ.Type.result);
      assertThat(errorOf(set(pubsub, "alice@localhost/phone", deviceList("whitelist"))))
          .contains("<conflict").contains("precondition-not-met");
      IQ bundle = set(pubsub, "alice@localhost/laptop", BUNDLE);
      assertThat(bundle.getType()).as(bundle.toXML()).isEqualTo(IQ.Type.result);
      assertThat(set(pubsub, "alice@localhost/laptop", BUNDLE).getType()).isEqualTo(IQ.Type.result);
      IQ form = get(pubsub, "alice@localhost/laptop", OWNER
          + "<configure node='eu.siacs.conversations.axolotl.bundles:1234'/></pubsub>");
      assertThat(form.toXML()).contains("pubsub#max_items");
    }
  }

  @Test
  void onlyOwnersConfigureDeleteAndPurge() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      set(pubsub, "alice@localhost/a", PUBSUB + "<create node='mine'/></pubsub>");
      assertThat(errorOf(get(pubsub, "carol@localhost/c", OWNER + "<configure node='mine'/></pubsub>")))
          .contains("forbidden");
      assertThat(errorOf(set(pubsub, "carol@localhost/c", OWNER + "<delete node='mine'/></pubsub>")))
          .contains("forbidden");
      assertThat(errorOf(set(pubsub, "carol@localhost/c", OWNER + "<purge node='mine'/></pubsub>")))
          .contains("forbidden");
      assertThat(errorOf(set(pubsub, "carol@localhost/c", PUBSUB + "<publish node='mine'><item><x xmlns='y'/>"
          + "</item></publish></pubsub>"))).contains("forbidden");
      assertThat(errorOf(set(pubsub, "carol@localhost/c", PUBSUB + "<create node='mine'/></pubsub>")))
          .contains("conflict");
      assertThat(errorOf(set(pubsub, "mallory@elsewhere.example/m", PUBSUB + "<create node='theirs'/></pubsub>")))
          .contains("forbidden");
    }
  }

  @Test
  void aJidHoldingTwoSubscriptionsNamesOneBySubid() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      set(pubsub, "alice@localhost/a", PUBSUB + "<create node='n'/></pubsub>");
      String options = "<options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
          + "<value>http://jabber.org/protocol/pubsub#subscribe_options</value></field>"
          + "<field var='pubsub#deliver'><value>1</value></field></x></options>";
      set(pubsub, "bob@localhost/b", PUBSUB + "<subscribe node='n' jid='bob@localhost'/>" + options + "</pubsub>");
      set(pubsub, "bob@localhost/b", PUBSUB + "<subscribe node='n' jid='bob@localhost'/>" + options + "</pubsub>");
      assertThat(errorOf(set(pubsub, "bob@localhost/b", PUBSUB + "<unsubscribe node='n' jid='bob@localhost'/>"
          + "</pubsub>"))).contains("subid-required");
      assertThat(errorOf(set(pubsub, "bob@localhost/b", PUBSUB + "<unsubscribe node='n' jid='bob@localhost'"
          + " subid='nope'/></pubsub>"))).contains("invalid-subid");
      assertThat(errorOf(set(pubsub, "carol@localhost/c", PUBSUB + "<unsubscribe node='n' jid='bob@localhost'/>"
          + "</pubsub>"))).contains("forbidden");
      assertThat(errorOf(set(pubsub, "carol@localhost/c", PUBSUB + "<subscribe node='n' jid='bob@localhost'/>"
          + "</pubsub>"))).contains("invalid-jid");

      set(pubsub, "alice@localhost/a", PUBSUB + "<publish node='n'><item id='i'><x xmlns='y'/></item></publish>"
          + "</pubsub>");
      String notification = nextMessage(pubsub);
      assertThat(notification).contains("bob@localhost").contains("SubID");
    }
  }

  @Test
  void unsupportedModelsAreRefused() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      String presence = PUBSUB + "<create node='p'/><configure><x xmlns='jabber:x:data' type='submit'>"
          + "<field var='FORM_TYPE' type='hidden'><value>http://jabber.org/protocol/pubsub#node_config</value></field>"
          + "<field var='pubsub#access_model'><value>presence</value></field></x></configure></pubsub>";
      assertThat(errorOf(set(pubsub, "alice@localhost/a", presence))).contains("not-acceptable")
          .contains("unsupported-access-model");
      String unknown = PUBSUB + "<create node='u'/><configure><x xmlns='jabber:x:data' type='submit'>"
          + "<field var='pubsub#colour'><value>red</value></field></x></configure></pubsub>";
      assertThat(errorOf(set(pubsub, "alice@localhost/a", unknown))).contains("not-acceptable");
    }
  }

  @Test
  void aWhitelistShutsOutSubscribersNotOnItAndTellsThem() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      set(pubsub, "alice@localhost/a", PUBSUB + "<create node='club'/></pubsub>");
      set(pubsub, "bob@localhost/b", PUBSUB + "<subscribe node='club' jid='bob@localhost'/></pubsub>");
      set(pubsub, "carol@localhost/c", PUBSUB + "<subscribe node='club' jid='carol@localhost'/></pubsub>");
      set(pubsub, "alice@localhost/a", OWNER + "<affiliations node='club'><affiliation jid='carol@localhost'"
          + " affiliation='member'/></affiliations></pubsub>");
      pubsub.drainSent();
      IQ closed = set(pubsub, "alice@localhost/a", OWNER + "<configure node='club'><x xmlns='jabber:x:data'"
          + " type='submit'><field var='pubsub#access_model'><value>whitelist</value></field></x></configure>"
          + "</pubsub>");
      assertThat(closed.getType()).as(closed.toXML()).isEqualTo(IQ.Type.result);
      assertThat(pubsub.drainSent().stream().map(packet -> packet.toXML()))
          .anySatisfy(xml -> assertThat(xml).contains("to=\"bob@localhost\"").contains("subscription=\"none\""));
      IQ subscriptions = get(pubsub, "alice@localhost/a", OWNER + "<subscriptions node='club'/></pubsub>");
      assertThat(subscriptions.toXML()).contains("carol@localhost").doesNotContain("bob@localhost");
      assertThat(errorOf(set(pubsub, "bob@localhost/b", PUBSUB + "<subscribe node='club' jid='bob@localhost'/>"
          + "</pubsub>"))).contains("closed-node");
    }
  }

  @Test
  void whoMayNotPublishLearnsNothingOfTheConfigurationFromPreconditions() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      set(pubsub, "alice@localhost/phone", deviceList("open"));
      String error = errorOf(set(pubsub, "carol@localhost/c", deviceList("whitelist").replace(
          "eu.siacs.conversations.axolotl.devicelist", "eu.siacs.conversations.axolotl.devicelist")));
      assertThat(error).contains("forbidden").doesNotContain("precondition-not-met");
    }
  }

  @Test
  void aTransientNotificationOnlyNodeTakesPublishesWithoutAnItem() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      String config = PUBSUB + "<create node='pings'/><configure><x xmlns='jabber:x:data' type='submit'>"
          + "<field var='pubsub#persist_items'><value>0</value></field>"
          + "<field var='pubsub#deliver_payloads'><value>0</value></field></x></configure></pubsub>";
      assertThat(set(pubsub, "alice@localhost/a", config).getType()).isEqualTo(IQ.Type.result);
      set(pubsub, "bob@localhost/b", PUBSUB + "<subscribe node='pings' jid='bob@localhost'/></pubsub>");
      pubsub.drainSent();
      assertThat(set(pubsub, "alice@localhost/a", PUBSUB + "<publish node='pings'/></pubsub>").getType())
          .isEqualTo(IQ.Type.result);
      assertThat(nextMessage(pubsub)).contains("<items node=\"pings\"/>");
      assertThat(errorOf(set(pubsub, "alice@localhost/a", PUBSUB + "<publish node='pings'><item id='x'/></publish>"
          + "</pubsub>"))).contains("item-forbidden");
    }
  }

  @Test
  void aFullWriteQueueRefusesWithWaitAndMemoryKeepsOnlyWhatWasCommitted() throws Exception {
    ComponentTester.Builder server = PubSubTesters.inMemoryServer(dataDir)
        .config(PubSubKeys.WRITE_QUEUE, "16").config(PubSubKeys.REQUESTS_PER_SECOND, "100000");
    int subscribed = 0;
    int busy = 0;
    try (ComponentTester pubsub = server.build()) {
      set(pubsub, "alice@localhost/a", PUBSUB + "<create node='popular'/></pubsub>");
      for (int i = 0; i < 1500; i++) {
        pubsub.receive("<iq type='set' id='s" + i + "' from='user" + i + "@localhost/r' to='pubsub.localhost'>"
            + PUBSUB + "<subscribe node='popular' jid='user" + i + "@localhost'/></pubsub></iq>");
      }
      for (int i = 0; i < 1500; i++) {
        IQ answer = pubsub.answerTo(new IQ(IQ.Type.set, "s" + i));
        if (answer.getType() == IQ.Type.result) {
          subscribed++;
        } else if (answer.toXML().contains("resource-constraint") && answer.toXML().contains("wait")) {
          busy++;
        }
      }
      assertThat(subscribed + busy).isEqualTo(1500);
      assertThat(busy).as("subscribes refused while the queue was full").isPositive();
      int committed = subscribed;
      Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(pubsub,
          "alice@localhost/a", OWNER + "<subscriptions node='popular'/></pubsub>").getChildElement()
          .element("subscriptions").elements()).as("subscriptions in memory").hasSize(committed));
    }
    try (ComponentTester pubsub = server.build()) {
      int listed = get(pubsub, "alice@localhost/a", OWNER + "<subscriptions node='popular'/></pubsub>")
          .getChildElement().element("subscriptions").elements().size();
      assertThat(listed).as("subscriptions after a restart").isEqualTo(subscribed);
    }
  }

  @Test
  void aRetractSentRightAfterItsPublishFindsTheItem() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      set(pubsub, "alice@localhost/a", PUBSUB + "<create node='quick'/></pubsub>");
      for (int i = 0; i < 20; i++) {
        pubsub.receive("<iq type='set' id='p" + i + "' from='alice@localhost/a' to='pubsub.localhost'>" + PUBSUB
            + "<publish node='quick'><item id='i" + i + "'><x xmlns='y'/></item></publish></pubsub></iq>");
        IQ retract = set(pubsub, "alice@localhost/a", PUBSUB + "<retract node='quick'><item id='i" + i + "'/>"
            + "</retract></pubsub>");
        assertThat(retract.getType()).as(retract.toXML()).isEqualTo(IQ.Type.result);
      }
    }
  }

  @Test
  void expiredItemsAreNotServedAndTheSweepRemovesThem() throws Exception {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      String config = PUBSUB + "<create node='brief'/><configure><x xmlns='jabber:x:data' type='submit'>"
          + "<field var='pubsub#item_expire'><value>1</value></field></x></configure></pubsub>";
      assertThat(set(pubsub, "alice@localhost/a", config).getType()).isEqualTo(IQ.Type.result);
      set(pubsub, "alice@localhost/a", PUBSUB + "<publish node='brief'><item id='soon-gone'><x xmlns='y'/></item>"
          + "</publish></pubsub>");
      assertThat(get(pubsub, "alice@localhost/a", PUBSUB + "<items node='brief'/></pubsub>").toXML())
          .contains("soon-gone");
      Thread.sleep(1100);
      assertThat(get(pubsub, "alice@localhost/a", PUBSUB + "<items node='brief'/></pubsub>").toXML())
          .doesNotContain("soon-gone");
      PubSubService service = pubsub.instance(PubSubService.class);
      service.removeExpiredItems();
      Awaitility.await().until(() -> service.find("brief").itemCount() == 0);
    }
  }

  @Test
  void limitsAreErrorsNotCrashes() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir)
        .config(PubSubKeys.MAX_PAYLOAD_BYTES, "64").config(PubSubKeys.MAX_NODES_PER_OWNER, "1")
        .config(PubSubKeys.REQUESTS_PER_SECOND, "20").build()) {
      set(pubsub, "alice@localhost/a", PUBSUB + "<create node='one'/></pubsub>");
      assertThat(errorOf(set(pubsub, "alice@localhost/a", PUBSUB + "<create node='two'/></pubsub>")))
          .contains("max-nodes-exceeded");
      assertThat(errorOf(set(pubsub, "alice@localhost/a", PUBSUB + "<create node='" + "n".repeat(300) + "'/>"
          + "</pubsub>"))).contains("not-acceptable");
      assertThat(errorOf(set(pubsub, "alice@localhost/a", PUBSUB + "<publish node='one'><item><x xmlns='y'>"
          + "a".repeat(100) + "</x></item></publish></pubsub>"))).contains("payload-too-big");
      int refused = 0;
      for (int i = 0; i < 40; i++) {
        IQ answer = get(pubsub, "bob@localhost/b", PUBSUB + "<items node='one'/></pubsub>");
        if (answer.getType() == IQ.Type.error && answer.getError().getElement().asXML().contains("resource-constraint")) {
          refused++;
        }
      }
      assertThat(refused).isPositive();
      assertThat(get(pubsub, "carol@localhost/c", PUBSUB + "<items node='one'/></pubsub>").getType())
          .isEqualTo(IQ.Type.result);
    }
  }

  /** Own subscriptions and affiliations (§5.6, §5.7) come from an index per bare JID: it follows every change. */
  @Test
  void ownSubscriptionsAndAffiliationsFollowEveryChangeAndARestart() {
    ComponentTester.Builder server = PubSubTesters.inMemoryServer(dataDir);
    try (ComponentTester pubsub = server.build()) {
      for (String node : new String[] {"n1", "n2", "n3", "other"}) {
        set(pubsub, "alice@localhost/a", PUBSUB + "<create node='" + node + "'/></pubsub>");
      }
      set(pubsub, "bob@localhost/b", PUBSUB + "<subscribe node='n1' jid='bob@localhost'/></pubsub>");
      set(pubsub, "bob@localhost/b", PUBSUB + "<subscribe node='n2' jid='bob@localhost/b'/></pubsub>");
      set(pubsub, "carol@localhost/c", PUBSUB + "<subscribe node='other' jid='carol@localhost'/></pubsub>");
      set(pubsub, "alice@localhost/a", OWNER + "<affiliations node='n3'><affiliation jid='bob@localhost'"
          + " affiliation='publisher'/></affiliations></pubsub>");
      assertThat(own(pubsub, "subscriptions")).containsExactly("n1 bob@localhost", "n2 bob@localhost/b");
      assertThat(own(pubsub, "affiliations")).containsExactly("n3 publisher");

      set(pubsub, "bob@localhost/b", PUBSUB + "<unsubscribe node='n1' jid='bob@localhost'/></pubsub>");
      set(pubsub, "alice@localhost/a", OWNER + "<affiliations node='n3'><affiliation jid='bob@localhost'"
          + " affiliation='none'/></affiliations></pubsub>");
      assertThat(own(pubsub, "subscriptions")).containsExactly("n2 bob@localhost/b");
      assertThat(own(pubsub, "affiliations")).isEmpty();
      set(pubsub, "alice@localhost/a", OWNER + "<affiliations node='n1'><affiliation jid='bob@localhost'"
          + " affiliation='member'/></affiliations></pubsub>");
    }
    try (ComponentTester pubsub = server.build()) {
      assertThat(own(pubsub, "subscriptions")).containsExactly("n2 bob@localhost/b");
      assertThat(own(pubsub, "affiliations")).containsExactly("n1 member");
    }
  }

  /** Bob's own subscriptions ("node jid") or affiliations ("node affiliation"), as the service lists them. */
  private static java.util.List<String> own(ComponentTester pubsub, String what) {
    IQ answer = get(pubsub, "bob@localhost/b", PUBSUB + "<" + what + "/></pubsub>");
    assertThat(answer.getType()).as(answer.toXML()).isEqualTo(IQ.Type.result);
    return answer.getChildElement().element(what).elements().stream()
        .map(entry -> entry.attributeValue("node") + " "
            + (what.equals("subscriptions") ? entry.attributeValue("jid") : entry.attributeValue("affiliation")))
        .toList();
  }
}
