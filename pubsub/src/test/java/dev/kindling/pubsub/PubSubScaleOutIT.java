package dev.kindling.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.ServerKind;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the service on one PostgreSQL serve one domain through ejabberd, which shares the domain's
 * traffic among the connections (Prosody accepts one connection per domain, so this is ejabberd's only). A
 * subscription and a configuration change made through either are seen by both, and a subscriber gets each
 * notification exactly once, whichever instance took the publish.
 */
class PubSubScaleOutIT {
  private static final int ITEMS = 30;

  @TempDir
  Path dataDir;

  @XmppServerTest(ServerKind.EJABBERD)
  void twoInstancesOnOnePostgresServeOneDomain(XmppServer server) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.putAll(TestDatabase.POSTGRESQL.config(dataDir));
    BareJid service = JidCreate.bareFrom(server.componentDomain("pubsub"));
    try (Kindling first = Kindling.create(KindlingConfig.of(config), new PubSubModule());
         Kindling second = Kindling.create(KindlingConfig.of(config), new PubSubModule())) {
      first.start();
      second.start();
      try (SmackClient alice = SmackClient.login(server, "alice");
           SmackClient bob = SmackClient.login(server, "bob");
           SmackClient carol = SmackClient.login(server, "carol")) {
        PubSubManager owner = PubSubManager.getInstanceFor(alice.connection(), service);
        LeafNode node = owner.createNode("shared");
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        LeafNode bobsView = PubSubManager.getInstanceFor(bob.connection(), service).getLeafNode("shared");
        ItemEventListener<Item> listener = event -> event.getItems().forEach(item -> received.add(item.getId()));
        bobsView.addItemEventListener(listener);
        bobsView.subscribe(bob.connection().getUser().asBareJid());
        // a change reaches the other instance when PostgreSQL delivers its NOTIFY, milliseconds after the commit
        TimeUnit.MILLISECONDS.sleep(500);

        for (int i = 0; i < ITEMS; i++) {
          node.publish(new PayloadItem<>("item-" + i, new SimplePayload("<n xmlns='urn:test'>" + i + "</n>")));
        }
        Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> received.size() >= ITEMS);
        TimeUnit.MILLISECONDS.sleep(500);
        assertThat(received).as("each item notified once").hasSize(ITEMS).doesNotHaveDuplicates();

        FillableConfigureForm form = node.getNodeConfiguration().getFillableForm();
        form.setTitle("Shared news");
        node.sendConfigurationForm(form);
        TimeUnit.MILLISECONDS.sleep(500);
        ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(carol.connection());
        for (int i = 0; i < 10; i++) {
          DiscoverInfo info = disco.discoverInfo(service, "shared");
          assertThat(info.getIdentities()).as("node identity, query " + i)
              .anySatisfy(identity -> assertThat(identity.getName()).isEqualTo("Shared news"));
        }
      }
      assertThat(first.component("pubsub").stats().accepted()).as("stanzas the first instance took").isPositive();
      assertThat(second.component("pubsub").stats().accepted()).as("stanzas the second instance took").isPositive();
    }
  }
}
