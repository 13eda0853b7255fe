package dev.kindling.pubsub.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.kindling.pubsub.TestDatabase;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.NodeConfig;
import dev.kindling.pubsub.model.PubSubLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.xmpp.packet.JID;

/**
 * Publishes queued together run as JDBC batches ({@link WriteQueue.Batched}): each must still come out as if it
 * had run alone — a repeated id replaces, generated ids insert, and a full node keeps its newest items.
 */
class PublishBatchTest {
  private static final PubSubLimits LIMITS = new PubSubLimits(65_536, 1_000, 10, 100, 1_000, 100);

  @TempDir
  Path dataDir;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void publishesQueuedTogetherComeOutAsIfEachRanAlone(TestDatabase kind) throws Exception {
    try (PubSubDatabase database = PubSubDatabase.open(kind.jdbcUrl(dataDir), null, null, 2)) {
      WriteQueue writes = new WriteQueue(database, 100);
      try (PubSubStore store = new PubSubStore(database, writes, LIMITS)) {
        store.createNode(node("a")).get(10, TimeUnit.SECONDS);
        store.createNode(node("b")).get(10, TimeUnit.SECONDS);
        store.createNode(node("c")).get(10, TimeUnit.SECONDS);
        store.publish("c", item("old", "0"), 1, false, false).get(10, TimeUnit.SECONDS);
        // held up behind one write, the publishes below are queued together and go into one transaction
        // (the holding write must be running before they are queued: else the writer may take some of them with it,
        // and the two c publishes land in two transactions, where the first one's trim removes "old")
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Boolean> holding = writes.submit(connection -> {
          running.countDown();
          return awaitQuietly(release);
        });
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Boolean>> added = new ArrayList<>();
        // node a keeps 3: x, y, x again (replaces, so y is now the oldest), then three generated ids
        added.add(store.publish("a", item("x", "1"), 3, false, false));
        added.add(store.publish("a", item("y", "2"), 3, false, false));
        added.add(store.publish("a", item("x", "3"), 3, false, false));
        added.add(store.publish("a", item("g1", "4"), 3, true, true));
        added.add(store.publish("b", item("only", "5"), 3, false, false));
        added.add(store.publish("a", item("g2", "6"), 3, true, true));
        // node c keeps 1: a new item, then the old one again, which must end up the newest and the one kept (in one
        // batch it counts as replaced: the updates run before the trim)
        added.add(store.publish("c", item("new", "7"), 1, true, false));
        added.add(store.publish("c", item("old", "8"), 1, true, false));
        release.countDown();
        holding.get(10, TimeUnit.SECONDS);
        List<Boolean> results = new ArrayList<>();
        for (CompletableFuture<Boolean> one : added) {
          results.add(one.get(10, TimeUnit.SECONDS));
        }

        assertThat(results).containsExactly(true, true, false, true, true, true, true, false);
        assertThat(store.items("a", 10, 0)).extracting(StoredItem::id, StoredItem::payload)
            .containsExactly(tuple("g2", "6"),
                tuple("g1", "4"), tuple("x", "3"));
        assertThat(store.itemIds("b", 10, 0)).containsExactly("only");
        assertThat(store.items("c", 10, 0)).extracting(StoredItem::id, StoredItem::payload)
            .containsExactly(tuple("old", "8"));
      }
    }
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static Node node(String id) {
    return new Node(id, new JID("alice@localhost"), 0, NodeConfig.defaults(false, LIMITS));
  }

  private static StoredItem item(String id, String payload) {
    return new StoredItem(id, "alice@localhost/a", System.currentTimeMillis(), payload);
  }
}
