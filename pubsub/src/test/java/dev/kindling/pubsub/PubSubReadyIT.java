package dev.kindling.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service as an operator starts it, by name from the configuration alone ({@code components=pubsub}, no
 * module), found by a client in its server's disco#items and used.
 */
class PubSubReadyIT {
  @TempDir
  Path dataDir;

  @XmppServerTest
  void configurationAloneRunsTheServiceAndTheServerListsIt(XmppServer server) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("components", "pubsub");
    config.put("data-dir", dataDir.toString());
    try (Kindling kindling = Kindling.create(KindlingConfig.of(config));
         SmackClient alice = SmackClient.login(server, "alice")) {
      kindling.start();
      DiscoverItems items = ServiceDiscoveryManager.getInstanceFor(alice.connection())
          .discoverItems(JidCreate.domainBareFrom(server.domain()));
      List<String> listed = items.getItems().stream().map(item -> item.getEntityID().toString()).toList();
      assertThat(listed).contains(server.componentDomain("pubsub"));

      BareJid service = JidCreate.bareFrom(server.componentDomain("pubsub"));
      PubSubManager pubsub = PubSubManager.getInstanceFor(alice.connection(), service);
      assertThat(pubsub.getSupportedFeatures().containsFeature("http://jabber.org/protocol/pubsub#publish"))
          .isTrue();
      LeafNode node = pubsub.createNode("ready");
      node.publish(new PayloadItem<>("one", new SimplePayload("<n xmlns='urn:test'>1</n>")));
      List<Item> kept = node.getItems();
      assertThat(kept).extracting(Item::getId).containsExactly("one");
    }
  }
}
