package dev.kindling.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.ServerKind;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.PublishItem;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.form.FillableConfigureForm;
import org.jivesoftware.smackx.pubsub.packet.PubSub;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service answered is what it keeps: the component runs in a JVM of its own while a Smack client
 * publishes as fast as the service answers, is killed with SIGKILL in the middle, and started again on the same
 * database; every item whose publish got a result is there. On H2 and on PostgreSQL.
 */
class PubSubDurabilityIT {
  private static final int OUTSTANDING = 64;

  @TempDir
  Path dataDir;

  @XmppServerTest(ServerKind.PROSODY)
  void everyAnsweredPublishSurvivesAKillOnH2(XmppServer server) throws Exception {
    survivesAKill(server, TestDatabase.H2);
  }

  @XmppServerTest(ServerKind.EJABBERD)
  void everyAnsweredPublishSurvivesAKillOnPostgres(XmppServer server) throws Exception {
    survivesAKill(server, TestDatabase.POSTGRESQL);
  }

  private void survivesAKill(XmppServer server, TestDatabase database) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.putAll(database.config(dataDir));
    config.put(PubSubKeys.REQUESTS_PER_SECOND.name(), "100000");
    config.put(PubSubKeys.MAX_ITEMS.name(), "100000");
    BareJid service = JidCreate.bareFrom(server.componentDomain("pubsub"));
    Set<String> answered = ConcurrentHashMap.newKeySet();
    Process component = start(config);
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      PubSubManager pubsub = PubSubManager.getInstanceFor(alice.connection(), service);
      FillableConfigureForm form = pubsub.getDefaultConfiguration().getFillableForm();
      form.setMaxItems(100_000);
      pubsub.createNode("durable", form);
      Semaphore window = new Semaphore(OUTSTANDING);
      long killAt = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
      for (int i = 0; i < 200_000 && System.nanoTime() < killAt; i++) {
        if (!window.tryAcquire(5, TimeUnit.SECONDS)) {
          break;
        }
        String id = "item-" + i;
        PubSub publish = PubSub.createPubsubPacket(service, IQ.Type.set, new PublishItem<>("durable",
            new PayloadItem<>(id, new SimplePayload("<n xmlns='urn:test'>" + i + "</n>"))));
        alice.connection().sendIqRequestAsync(publish, 10_000)
            .onSuccess(result -> {
              answered.add(id);
              window.release();
            })
            .onError(failure -> window.release());
      }
      component.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      assertThat(answered).as("publishes answered before the kill").hasSizeGreaterThan(50);

      Process again = start(config);
      try {
        LeafNode node = pubsub.getLeafNode("durable");
        List<String> wanted = new ArrayList<>(answered);
        List<String> kept = new ArrayList<>();
        for (int from = 0; from < wanted.size(); from += 200) {
          for (Item item : node.getItems(wanted.subList(from, Math.min(wanted.size(), from + 200)))) {
            kept.add(item.getId());
          }
        }
        assertThat(kept).as("items kept after the kill").containsExactlyInAnyOrderElementsOf(answered);
      } finally {
        again.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } finally {
      component.destroyForcibly();
    }
  }

  private static Process start(Map<String, String> config) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), PubSubProcess.class.getName()));
    config.forEach((key, value) -> command.add(key + "=" + value));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    String line;
    while (System.nanoTime() < deadline && (line = output.readLine()) != null) {
      seen.append(line).append('\n');
      if (line.equals(PubSubProcess.READY)) {
        Thread drain = new Thread(() -> output.lines().forEach(ignored -> { }), "pubsub-process-output");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    process.destroyForcibly();
    throw new AssertionError("the PubSub process did not start:\n" + seen);
  }
}
