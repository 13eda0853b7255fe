package dev.kindling.pubsub;

import static dev.kindling.pubsub.LivePubSub.OWNER;
import static dev.kindling.pubsub.LivePubSub.PUBSUB;
import static dev.kindling.pubsub.LivePubSub.assertError;
import static dev.kindling.pubsub.LivePubSub.errorOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError.Condition;
import org.jivesoftware.smackx.pubsub.AccessModel;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.form.ConfigureForm;
import org.jivesoftware.smackx.xdata.FormField;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stanzas OMEMO clients send, byte for byte as they build them, published to the service: the device list
 * ({@code eu.siacs.conversations.axolotl.devicelist}) and a device's bundle ({@code …bundles:<device id>}).
 *
 * <ul>
 *   <li>Conversations 2.x ({@code IqGenerator.publish} with {@code PublishOptions.openAccess()}): {@code <publish/>}
 *       then {@code <publish-options/>} holding {@code pubsub#access_model=open}, a FORM_TYPE field without a
 *       type; on {@code precondition-not-met} it fetches the node's configuration, sets the options in it and
 *       submits the whole form ({@code XmppConnectionService.pushNodeConfiguration}), then publishes again.
 *   <li>Conversations' newer stack ({@code PubSubManager.publishNoRetry}, {@code NodeConfiguration.OPEN}):
 *       {@code <publish-options/>} first, with {@code pubsub#persist_items=1} and {@code pubsub#access_model=open};
 *       for bookmarks and the like {@code NodeConfiguration.WHITELIST_MAX_ITEMS}, with {@code pubsub#max_items=max}.
 *   <li>Dino ({@code plugins/omemo/src/protocol/stream_module.vala}): publishes without publish-options (the first
 *       device list without an item id), then reads the node's configuration and, if its access model is not
 *       {@code open}, submits the whole form with {@code open}; its {@code Pubsub.PublishOptions} write booleans as
 *       {@code true} in fields without a type.
 * </ul>
 */
class PubSubOmemoIT {
  private static final String DEVICELIST = "eu.siacs.conversations.axolotl.devicelist";
  private static final String BUNDLES = "eu.siacs.conversations.axolotl.bundles";
  private static final String AXOLOTL = "eu.siacs.conversations.axolotl";
  private static final int DEVICE = 1053247826;

  @TempDir
  Path dataDir;

  private static String deviceList(int... ids) {
    return "<list xmlns='" + AXOLOTL + "'>" + IntStream.of(ids).mapToObj(id -> "<device id='" + id + "'/>")
        .collect(Collectors.joining()) + "</list>";
  }

  /** A {@code <device/>} of the list as Smack writes it back (it may repeat the namespace on it). */
  private static String device(int id) {
    return "<device (xmlns='" + AXOLOTL + "' )?id='" + id + "'/>";
  }

  /** A bundle as Conversations and Dino build it, with 100 pre-keys (fake but well-formed base64). */
  private static String bundle() {
    String key = "BdLpqtDDgs3glGZ8Kr5V8JE5o3f+0WYXqV9NuK7wcGAb";
    return "<bundle xmlns='" + AXOLOTL + "'><signedPreKeyPublic signedPreKeyId='1'>" + key
        + "</signedPreKeyPublic><signedPreKeySignature>" + "A".repeat(86) + "==</signedPreKeySignature>"
        + "<identityKey>" + key + "</identityKey><prekeys>"
        + IntStream.rangeClosed(1, 100).mapToObj(id -> "<preKeyPublic preKeyId='" + id + "'>" + key + "</preKeyPublic>")
            .collect(Collectors.joining())
        + "</prekeys></bundle>";
  }

  /** Conversations 2.x: publish, then publish-options; its FORM_TYPE field has no type. */
  private static String conversationsPublish(String node, String payload) {
    return "<publish node='" + node + "'><item id='current'>" + payload + "</item></publish>"
        + "<publish-options><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE'><value>" + PUBSUB + "#publish-options</value></field>"
        + "<field var='pubsub#access_model'><value>open</value></field>"
        + "</x></publish-options>";
  }

  /** Conversations' newer stack: publish-options first, {@code NodeConfiguration.OPEN}. */
  private static String newerConversationsPublish(String node, String payload) {
    return "<publish-options><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#publish-options</value></field>"
        + "<field var='pubsub#persist_items'><value>1</value></field>"
        + "<field var='pubsub#access_model'><value>open</value></field>"
        + "</x></publish-options>"
        + "<publish node='" + node + "'><item id='current'>" + payload + "</item></publish>";
  }

  /** Conversations' bookmarks ({@code NodeConfiguration.WHITELIST_MAX_ITEMS}, XEP-0402). */
  private static String conversationsBookmark(String jid) {
    return "<publish-options><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#publish-options</value></field>"
        + "<field var='pubsub#persist_items'><value>1</value></field>"
        + "<field var='pubsub#access_model'><value>whitelist</value></field>"
        + "<field var='pubsub#send_last_published_item'><value>never</value></field>"
        + "<field var='pubsub#max_items'><value>max</value></field>"
        + "<field var='pubsub#notify_delete'><value>1</value></field>"
        + "<field var='pubsub#notify_retract'><value>1</value></field>"
        + "</x></publish-options>"
        + "<publish node='urn:xmpp:bookmarks:1'><item id='" + jid + "'>"
        + "<conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'><nick>alice</nick></conference>"
        + "</item></publish>";
  }

  /** Dino's {@code Pubsub.PublishOptions} for bookmarks: booleans as {@code true}, fields without a type. */
  private static String dinoBookmark(String jid) {
    return "<publish node='urn:xmpp:bookmarks:1'><item id='" + jid + "'>"
        + "<conference xmlns='urn:xmpp:bookmarks:1' autojoin='true'><nick>alice</nick></conference>"
        + "</item></publish><publish-options><x xmlns='jabber:x:data' type='submit'>"
        + "<field type='hidden' var='FORM_TYPE'><value>" + PUBSUB + "#publish-options</value></field>"
        + "<field var='pubsub#persist_items'><value>true</value></field>"
        + "<field var='pubsub#max_items'><value>max</value></field>"
        + "<field var='pubsub#send_last_published_item'><value>never</value></field>"
        + "<field var='pubsub#access_model'><value>whitelist</value></field>"
        + "</x></publish-options>";
  }

  /**
   * What Conversations ({@code Data.submit}) and Dino ({@code DataForm.get_submit_node}) send to reconfigure a
   * node: the form the service gave, every field with its values (options dropped), the access model changed.
   */
  private static String wholeFormWithOpenAccess(ConfigureForm form) {
    StringBuilder x = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>");
    for (FormField field : form.getDataForm().getFields()) {
      x.append("<field var='").append(field.getFieldName()).append("'");
      if (field.getType() != null) {
        x.append(" type='").append(field.getType()).append("'");
      }
      x.append(">");
      List<String> values = field.getFieldName().equals("pubsub#access_model") ? List.of("open")
          : field.getValuesAsString();
      values.forEach(value -> x.append("<value>").append(value).append("</value>"));
      x.append("</field>");
    }
    return x.append("</x>").toString();
  }

  private static IQ publish(LivePubSub pubsub, SmackClient from, String inner) throws Exception {
    return pubsub.send(from, IQ.Type.set, PUBSUB, inner);
  }

  @XmppServerTest
  void conversationsPublishesItsDeviceListAndBundleWithOpenAccess(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      String bundles = BUNDLES + ":" + DEVICE;

      IQ first = publish(pubsub, pubsub.alice, conversationsPublish(DEVICELIST, deviceList(DEVICE)));
      publish(pubsub, pubsub.alice, conversationsPublish(bundles, bundle()));
      IQ again = publish(pubsub, pubsub.alice, conversationsPublish(DEVICELIST, deviceList(DEVICE, 42)));
      publish(pubsub, pubsub.alice, conversationsPublish(bundles, bundle()));

      assertThat(first.toXML().toString()).contains("current");
      assertThat(again.getType()).isEqualTo(IQ.Type.result);
      LeafNode deviceList = pubsub.pubsub(pubsub.bob).getLeafNode(DEVICELIST);
      assertThat(deviceList.<Item>getItems()).singleElement().satisfies(item -> {
        assertThat(item.getId()).isEqualTo("current");
        assertThat(item.toXML().toString()).containsPattern(device(DEVICE)).containsPattern(device(42));
      });
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(bundles).<Item>getItems()).singleElement()
          .satisfies(item -> assertThat(item.toXML().toString()).contains("preKeyId='100'"));
      assertThat(pubsub.pubsub(pubsub.alice).getLeafNode(DEVICELIST).getNodeConfiguration().getAccessModel())
          .isEqualTo(AccessModel.open);
      // the device list is alice's: carol may read it but not replace it
      assertError(errorOf(() -> publish(pubsub, pubsub.carol, conversationsPublish(DEVICELIST, deviceList(666)))),
          Condition.forbidden, null);
    }
  }

  @XmppServerTest
  void newerConversationsPublishesWithPublishOptionsFirst(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      String bundles = BUNDLES + ":" + DEVICE;

      publish(pubsub, pubsub.alice, newerConversationsPublish(DEVICELIST, deviceList(DEVICE)));
      publish(pubsub, pubsub.alice, newerConversationsPublish(bundles, bundle()));
      publish(pubsub, pubsub.alice, newerConversationsPublish(DEVICELIST, deviceList(DEVICE, 7)));
      publish(pubsub, pubsub.alice, newerConversationsPublish(bundles, bundle()));

      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(DEVICELIST).<Item>getItems()).singleElement()
          .satisfies(item -> assertThat(item.toXML().toString()).containsPattern(device(7)));
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(bundles).<Item>getItems()).hasSize(1);
    }
  }

  @XmppServerTest
  void bookmarksWithMaxItemsMaxAreCreatedAndPublishedAgainByConversationsAndDino(XmppServer server)
      throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      publish(pubsub, pubsub.alice, conversationsBookmark("room1@conference.localhost"));
      publish(pubsub, pubsub.alice, conversationsBookmark("room2@conference.localhost"));
      publish(pubsub, pubsub.alice, dinoBookmark("room3@conference.localhost"));

      LeafNode bookmarks = pubsub.pubsub(pubsub.alice).getLeafNode("urn:xmpp:bookmarks:1");
      assertThat(bookmarks.<Item>getItems()).extracting(Item::getId).containsExactlyInAnyOrder(
          "room1@conference.localhost", "room2@conference.localhost", "room3@conference.localhost");
      ConfigureForm configuration = bookmarks.getNodeConfiguration();
      assertThat(configuration.getAccessModel()).isEqualTo(AccessModel.whitelist);
      assertThat(configuration.readFirstValue("pubsub#max_items")).isEqualTo("max");
      assertError(errorOf(() -> pubsub.pubsub(pubsub.bob).getLeafNode("urn:xmpp:bookmarks:1").getItems()),
          Condition.not_allowed, "closed-node");
    }
  }

  @XmppServerTest
  void aMismatchingPublishOptionGetsPreconditionNotMetUntilTheClientReconfiguresTheNode(XmppServer server)
      throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      // the device list exists with another access model (made so by another client, or by hand)
      publish(pubsub, pubsub.alice, "<publish node='" + DEVICELIST + "'><item id='current'>" + deviceList(DEVICE)
          + "</item></publish><publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE'"
          + " type='hidden'><value>" + PUBSUB + "#publish-options</value></field>"
          + "<field var='pubsub#access_model'><value>whitelist</value></field></x></publish-options>");

      assertError(errorOf(() -> publish(pubsub, pubsub.alice, conversationsPublish(DEVICELIST, deviceList(DEVICE, 9)))),
          Condition.conflict, "precondition-not-met");
      assertError(errorOf(() -> publish(pubsub, pubsub.alice,
          newerConversationsPublish(DEVICELIST, deviceList(DEVICE, 9)))), Condition.conflict, "precondition-not-met");

      LeafNode node = pubsub.pubsub(pubsub.alice).getLeafNode(DEVICELIST);
      pubsub.send(pubsub.alice, IQ.Type.set, OWNER, "<configure node='" + DEVICELIST + "'>"
          + wholeFormWithOpenAccess(node.getNodeConfiguration()) + "</configure>");
      publish(pubsub, pubsub.alice, conversationsPublish(DEVICELIST, deviceList(DEVICE, 9)));

      assertThat(node.getNodeConfiguration().getAccessModel()).isEqualTo(AccessModel.open);
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(DEVICELIST).<Item>getItems()).singleElement()
          .satisfies(item -> assertThat(item.toXML().toString()).containsPattern(device(9)));
    }
  }

  @XmppServerTest
  void dinoPublishesWithoutOptionsThenMakesTheNodeOpen(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      String bundles = BUNDLES + ":" + DEVICE;
      // a bundle node someone made whitelist-only, so that Dino's try_make_node_public has work to do
      publish(pubsub, pubsub.alice, "<publish node='" + bundles + "'><item id='1'>" + bundle() + "</item></publish>"
          + "<publish-options><x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>"
          + PUBSUB + "#publish-options</value></field><field var='pubsub#access_model'><value>whitelist</value>"
          + "</field></x></publish-options>");

      // the first device list, read empty, is published without an item id
      IQ deviceList = publish(pubsub, pubsub.alice, "<publish node='" + DEVICELIST + "'><item>"
          + deviceList(DEVICE) + "</item></publish>");
      publish(pubsub, pubsub.alice, "<publish node='" + bundles + "'><item id='1'>" + bundle() + "</item></publish>");
      for (String node : List.of(DEVICELIST, bundles)) {
        ConfigureForm form = pubsub.pubsub(pubsub.alice).getLeafNode(node).getNodeConfiguration();
        if (form.getAccessModel() != AccessModel.open) {
          pubsub.send(pubsub.alice, IQ.Type.set, OWNER, "<configure node='" + node + "'>"
              + wholeFormWithOpenAccess(form) + "</configure>");
        }
      }

      assertThat(deviceList.toXML().toString()).containsPattern("<item id=['\"][^'\"]+['\"]");
      assertThat(pubsub.pubsub(pubsub.alice).getLeafNode(bundles).getNodeConfiguration().getAccessModel())
          .isEqualTo(AccessModel.open);
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(bundles).<Item>getItems()).extracting(Item::getId)
          .containsExactly("1");
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(DEVICELIST).<Item>getItems()).hasSize(1);
    }
  }

  /** Smack's own OMEMO ({@code OmemoService.publishDeviceIds}): publish, and create the node on item-not-found. */
  @XmppServerTest
  void smacksPublishAndPossiblyAutoCreateWorks(XmppServer server) throws Exception {
    try (LivePubSub pubsub = LivePubSub.start(server, dataDir)) {
      PubSubManager alice = pubsub.pubsub(pubsub.alice);

      LeafNode published = alice.tryToPublishAndPossibleAutoCreate(DEVICELIST,
          new PayloadItem<>(new SimplePayload(deviceList(DEVICE))));
      LeafNode bundles = alice.getOrCreateLeafNode(BUNDLES + ":" + DEVICE);
      bundles.publish(new PayloadItem<>("current", new SimplePayload(bundle())));

      assertThat(published.getId()).isEqualTo(DEVICELIST);
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(DEVICELIST).<Item>getItems()).hasSize(1);
      assertThat(pubsub.pubsub(pubsub.bob).getLeafNode(BUNDLES + ":" + DEVICE).<Item>getItems())
          .extracting(Item::getId).containsExactly("current");
      assertThat(alice.getOrCreateLeafNode(DEVICELIST).getId()).isEqualTo(DEVICELIST);
    }
  }
}
