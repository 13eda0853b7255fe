package dev.kindling.pubsub.store;

import dev.kindling.pubsub.model.Affiliation;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.NodeConfig;
import dev.kindling.pubsub.model.PubSubLimits;
import dev.kindling.pubsub.model.Subscription;
import dev.kindling.pubsub.model.SubscriptionOptions;
import dev.kindling.pubsub.model.SubscriptionState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.JID;

/**
 * The SQL of the PubSub service: loading every node at start, changing nodes, affiliations, subscriptions and
 * items through the {@link WriteQueue} (so each answer follows its commit), and reading items, which are not held
 * in memory. The same statements run on H2 (in PostgreSQL mode) and PostgreSQL.
 */
public final class PubSubStore implements AutoCloseable {
  /**
   * The longest node id and item id the schema keeps ({@code VARCHAR(256)}), in characters: with the other
   * columns of their keys they stay within what a PostgreSQL index entry may hold (about 2.7 kB).
   */
  public static final int MAX_ID_LENGTH = 256;

  private final PubSubDatabase database;
  private final WriteQueue writes;
  private final PubSubLimits limits;
  private final String instance = UUID.randomUUID().toString();

  public PubSubStore(PubSubDatabase database, int writeQueueCapacity, PubSubLimits limits) {
    this(database, new WriteQueue(database, writeQueueCapacity), limits);
  }

  /** A store writing through {@code writes}, which a test may hold up to see how writes queued together run. */
  PubSubStore(PubSubDatabase database, WriteQueue writes, PubSubLimits limits) {
    this.database = database;
    this.writes = writes;
    this.limits = limits;
  }

  /** This instance's id in the change announcements other instances receive. */
  public String instance() {
    return instance;
  }

  /**
   * Tells the other instances on the same PostgreSQL that a node changed ({@code pg_notify}, delivered when the
   * transaction commits, and only then): they reload it. H2 serves one instance and needs no announcement.
   */
  private void announce(Connection connection, String nodeId) throws SQLException {
    if (!database.isPostgres()) {
      return;
    }
    try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, ClusterListener.CHANNEL);
      notify.setString(2, instance + " " + nodeId);
      notify.execute();
    }
  }

  /** Every node with its affiliations, subscriptions and item count, by id. */
  public Map<String, Node> loadNodes() throws SQLException {
    return load(null);
  }

  /** The node {@code nodeId} as the database has it now, as another instance left it; empty if deleted. */
  public Optional<Node> loadNode(String nodeId) throws SQLException {
    return Optional.ofNullable(load(nodeId).get(nodeId));
  }

  private Map<String, Node> load(String nodeId) throws SQLException {
    String where = nodeId == null ? "" : " WHERE node_id = ?";
    Map<String, Node> nodes = new LinkedHashMap<>();
    try (Connection connection = database.connection()) {
      query(connection, "SELECT node_id, creator, created_at, config FROM pubsub_node" + where, nodeId, rows -> {
        Node node = new Node(rows.getString(1), stored(rows.getString(2)), rows.getLong(3),
            NodeConfig.parse(rows.getString(4), limits));
        nodes.put(node.id(), node);
      });
      query(connection, "SELECT node_id, jid, affiliation FROM pubsub_affiliation" + where, nodeId, rows -> {
        Node node = nodes.get(rows.getString(1));
        Optional<Affiliation> affiliation = Affiliation.parse(rows.getString(3));
        if (node != null && affiliation.isPresent()) {
          node.setAffiliation(rows.getString(2), affiliation.get());
        }
      });
      query(connection, "SELECT node_id, jid, subid, state, options FROM pubsub_subscription" + where, nodeId,
          rows -> {
            Node node = nodes.get(rows.getString(1));
            if (node != null) {
              node.putSubscription(new Subscription(stored(rows.getString(2)), rows.getString(3),
                  SubscriptionState.parse(rows.getString(4)), SubscriptionOptions.parse(rows.getString(5))));
            }
          });
      query(connection, "SELECT node_id, COUNT(*) FROM pubsub_item" + where + " GROUP BY node_id", nodeId, rows -> {
        Node node = nodes.get(rows.getString(1));
        if (node != null) {
          node.setItemCount(rows.getInt(2));
        }
      });
    }
    return nodes;
  }

  /**
   * A JID the service stored itself, already prepared when it was first parsed: stringprep again costs about half
   * a millisecond per JID, which made a restart with 100 000 subscriptions take a minute.
   */
  private static JID stored(String jid) {
    return new JID(jid, true);
  }

  private interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  private static void query(Connection connection, String sql, String nodeId, RowReader reader)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      if (nodeId != null) {
        select.setString(1, nodeId);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          reader.read(rows);
        }
      }
    }
  }

  /** Saves a new node with its owner. */
  public CompletableFuture<Void> createNode(Node node) {
    String config = node.config().serialise();
    Map<String, Affiliation> affiliations = node.affiliations();
    return writes.submit(connection -> {
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pubsub_node"
          + " (node_id, creator, created_at, config) VALUES (?, ?, ?, ?)")) {
        insert.setString(1, node.id());
        insert.setString(2, node.creator().toBareJID());
        insert.setLong(3, node.createdAt());
        insert.setString(4, config);
        insert.executeUpdate();
      }
      for (Map.Entry<String, Affiliation> affiliation : affiliations.entrySet()) {
        setAffiliation(connection, node.id(), affiliation.getKey(), affiliation.getValue());
      }
      announce(connection, node.id());
      return null;
    });
  }

  /** Saves a node's configuration. */
  public CompletableFuture<Void> saveConfig(String nodeId, NodeConfig config) {
    String serialised = config.serialise();
    return writes.submit(connection -> {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE pubsub_node SET config = ? WHERE node_id = ?")) {
        update.setString(1, serialised);
        update.setString(2, nodeId);
        update.executeUpdate();
      }
      announce(connection, nodeId);
      return null;
    });
  }

  /** Deletes nodes with everything they hold. */
  public CompletableFuture<Void> deleteNodes(Collection<String> nodeIds) {
    List<String> ids = List.copyOf(nodeIds);
    return writes.submit(connection -> {
      // the node's affiliations, subscriptions and items go with it (ON DELETE CASCADE)
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM pubsub_node WHERE node_id = ?")) {
        for (String id : ids) {
          delete.setString(1, id);
          delete.addBatch();
        }
        delete.executeBatch();
      }
      for (String id : ids) {
        announce(connection, id);
      }
      return null;
    });
  }

  /** Saves affiliations; {@code none} removes one. */
  public CompletableFuture<Void> saveAffiliations(String nodeId, Map<String, Affiliation> changes) {
    Map<String, Affiliation> copy = Map.copyOf(changes);
    return writes.submit(connection -> {
      for (Map.Entry<String, Affiliation> change : copy.entrySet()) {
        setAffiliation(connection, nodeId, change.getKey(), change.getValue());
      }
      announce(connection, nodeId);
      return null;
    });
  }

  private static void setAffiliation(Connection connection, String nodeId, String jid, Affiliation affiliation)
      throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM pubsub_affiliation WHERE node_id = ? AND jid = ?")) {
      delete.setString(1, nodeId);
      delete.setString(2, jid);
      delete.executeUpdate();
    }
    if (affiliation == Affiliation.NONE) {
      return;
    }
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO pubsub_affiliation (node_id, jid, affiliation) VALUES (?, ?, ?)")) {
      insert.setString(1, nodeId);
      insert.setString(2, jid);
      insert.setString(3, affiliation.xmpp());
      insert.executeUpdate();
    }
  }

  /** Saves subscriptions (new or changed) and removes those of {@code removed} subids. */
  public CompletableFuture<Void> saveSubscriptions(String nodeId, Collection<Subscription> saved,
      Collection<String> removed) {
    List<Subscription> savedCopy = List.copyOf(saved);
    List<String> removedCopy = List.copyOf(removed);
    return writes.submit(connection -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM pubsub_subscription WHERE node_id = ? AND subid = ?")) {
        for (String subid : removedCopy) {
          delete.setString(1, nodeId);
          delete.setString(2, subid);
          delete.addBatch();
        }
        for (Subscription subscription : savedCopy) {
          delete.setString(1, nodeId);
          delete.setString(2, subscription.subid());
          delete.addBatch();
        }
        delete.executeBatch();
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pubsub_subscription"
          + " (node_id, subid, jid, state, options) VALUES (?, ?, ?, ?, ?)")) {
        for (Subscription subscription : savedCopy) {
          insert.setString(1, nodeId);
          insert.setString(2, subscription.subid());
          insert.setString(3, subscription.jid().toString());
          insert.setString(4, subscription.state().xmpp());
          insert.setString(5, subscription.options().serialise());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      announce(connection, nodeId);
      return null;
    });
  }

  /**
   * Saves an item, replacing one of the same id (which then counts as the newest), and removes the oldest items
   * beyond {@code keep} if the node may hold more ({@code full}: the caller's count says it held {@code keep}).
   *
   * @param newId whether the id is new for certain (the service generated it), so that no item is replaced
   * @return a future of whether the id was new to the node
   */
  public CompletableFuture<Boolean> publish(String nodeId, StoredItem item, int keep, boolean full, boolean newId) {
    return writes.submit(PUBLISHES, new Publish(nodeId, item, keep, full, newId));
  }

  private record Publish(String nodeId, StoredItem item, int keep, boolean full, boolean newId) {
    List<String> key() {
      return List.of(nodeId, item.id());
    }
  }

  /** Publishes queued together, as a few JDBC batches. */
  private static final WriteQueue.Batched<Publish, Boolean> PUBLISHES = (connection, publishes) -> {
    List<Boolean> added = new ArrayList<>(publishes.size());
    int start = 0;
    while (start < publishes.size()) {
      // an item id published twice in a row: the second replaces the first, so it runs in the next batch
      Set<List<String>> keys = new HashSet<>();
      int end = start;
      while (end < publishes.size() && keys.add(publishes.get(end).key())) {
        end++;
      }
      added.addAll(publishDistinct(connection, publishes.subList(start, end)));
      start = end;
    }
    return added;
  };

  /**
   * Publishes of distinct items: replace those that exist, insert the others, trim the nodes that are full. Each
   * gets its publication order ({@code seq}) in request order, reserved up front, so that an item replaced and
   * one inserted in the same batch keep the order they were published in (and the trim drops the right ones).
   */
  private static List<Boolean> publishDistinct(Connection connection, List<Publish> publishes) throws SQLException {
    long[] seqs = reserveSeqs(connection, publishes.size());
    Boolean[] added = new Boolean[publishes.size()];
    List<Integer> maybeKnown = new ArrayList<>();
    for (int i = 0; i < publishes.size(); i++) {
      if (publishes.get(i).newId()) {
        added[i] = true;
      } else {
        maybeKnown.add(i);
      }
    }
    if (!maybeKnown.isEmpty()) {
      try (PreparedStatement update = connection.prepareStatement("UPDATE pubsub_item SET publisher = ?,"
          + " published_at = ?, seq = ?, payload = ? WHERE node_id = ? AND item_id = ?")) {
        for (int i : maybeKnown) {
          Publish publish = publishes.get(i);
          update.setString(1, publish.item().publisher());
          update.setLong(2, publish.item().publishedAt());
          update.setLong(3, seqs[i]);
          update.setString(4, publish.item().payload());
          update.setString(5, publish.nodeId());
          update.setString(6, publish.item().id());
          update.addBatch();
        }
        int[] updated = update.executeBatch();
        for (int k = 0; k < updated.length; k++) {
          if (updated[k] < 0) {
            throw new SQLException("the driver did not say whether an item was replaced (update count "
                + updated[k] + ")");
          }
          added[maybeKnown.get(k)] = updated[k] == 0;
        }
      }
    }
    Map<String, Integer> toTrim = new LinkedHashMap<>();
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO pubsub_item (node_id, item_id,"
        + " publisher, published_at, seq, payload) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < publishes.size(); i++) {
        if (!added[i]) {
          continue;
        }
        Publish publish = publishes.get(i);
        insert.setString(1, publish.nodeId());
        insert.setString(2, publish.item().id());
        insert.setString(3, publish.item().publisher());
        insert.setLong(4, publish.item().publishedAt());
        insert.setLong(5, seqs[i]);
        insert.setString(6, publish.item().payload());
        insert.addBatch();
        if (publish.full()) {
          // once per node, after all its inserts: trimming to the newest `keep` then is the same as after each
          toTrim.put(publish.nodeId(), publish.keep());
        }
      }
      insert.executeBatch();
    }
    trim(connection, toTrim);
    return Arrays.asList(added);
  }

  /** {@code count} values of the item sequence, ascending, in one round trip. */
  private static long[] reserveSeqs(Connection connection, int count) throws SQLException {
    long[] seqs = new long[count];
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT NEXTVAL('pubsub_item_seq') FROM generate_series(1, ?)")) {
      select.setInt(1, count);
      try (ResultSet rows = select.executeQuery()) {
        for (int i = 0; i < count; i++) {
          if (!rows.next()) {
            throw new SQLException("the item sequence gave " + i + " values of " + count);
          }
          seqs[i] = rows.getLong(1);
        }
      }
    }
    Arrays.sort(seqs);
    return seqs;
  }

  /** Removes the oldest items of each node beyond the number kept for it. */
  private static void trim(Connection connection, Map<String, Integer> keepByNode) throws SQLException {
    if (keepByNode.isEmpty()) {
      return;
    }
    try (PreparedStatement delete = connection.prepareStatement("DELETE FROM pubsub_item WHERE node_id = ? AND"
        + " seq <= (SELECT seq FROM pubsub_item WHERE node_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)")) {
      for (Map.Entry<String, Integer> node : keepByNode.entrySet()) {
        delete.setString(1, node.getKey());
        delete.setString(2, node.getKey());
        delete.setInt(3, node.getValue());
        delete.addBatch();
      }
      delete.executeBatch();
    }
  }

  /** Removes the oldest items beyond {@code keep} (after {@code pubsub#max_items} is lowered); how many remain. */
  public CompletableFuture<Integer> trimTo(String nodeId, int keep) {
    return writes.submit(connection -> {
      trim(connection, Map.of(nodeId, keep));
      return count(connection, nodeId);
    });
  }

  private static int count(Connection connection, String nodeId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT COUNT(*) FROM pubsub_item WHERE node_id = ?")) {
      select.setString(1, nodeId);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  /** Removes items by id; a future of how many there were. */
  public CompletableFuture<Integer> retract(String nodeId, Collection<String> itemIds) {
    List<String> ids = List.copyOf(itemIds);
    return writes.submit(connection -> {
      int removed = 0;
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM pubsub_item WHERE node_id = ? AND item_id = ?")) {
        for (String id : ids) {
          delete.setString(1, nodeId);
          delete.setString(2, id);
          removed += delete.executeUpdate();
        }
      }
      return removed;
    });
  }

  /** Removes every item of a node. */
  public CompletableFuture<Void> purge(String nodeId) {
    return writes.submit(connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM pubsub_item WHERE node_id = ?")) {
        delete.setString(1, nodeId);
        delete.executeUpdate();
      }
      return null;
    });
  }

  /** Removes the items published before {@code cutoff} (epoch ms) from nodes whose items expire; how many. */
  public CompletableFuture<Integer> expire(String nodeId, long cutoff) {
    return writes.submit(connection -> {
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM pubsub_item WHERE node_id = ? AND published_at < ?")) {
        delete.setString(1, nodeId);
        delete.setLong(2, cutoff);
        delete.executeUpdate();
      }
      return count(connection, nodeId);
    });
  }

  /**
   * The newest {@code max} items of a node, newest first. Items published before {@code notBefore} (epoch ms; 0
   * for all) have expired and are left out.
   */
  public List<StoredItem> items(String nodeId, int max, long notBefore) throws SQLException {
    awaitWrites();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT item_id, publisher, published_at, payload"
            + " FROM pubsub_item WHERE node_id = ? AND published_at >= ? ORDER BY seq DESC LIMIT ?")) {
      select.setString(1, nodeId);
      select.setLong(2, notBefore);
      select.setInt(3, max);
      return read(select);
    }
  }

  /** The ids of a node's newest {@code max} items, newest first, without their payloads. */
  public List<String> itemIds(String nodeId, int max, long notBefore) throws SQLException {
    awaitWrites();
    List<String> ids = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT item_id FROM pubsub_item"
            + " WHERE node_id = ? AND published_at >= ? ORDER BY seq DESC LIMIT ?")) {
      select.setString(1, nodeId);
      select.setLong(2, notBefore);
      select.setInt(3, max);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  /** The items of a node with these ids, in the order of {@code ids}; missing ones left out. */
  public List<StoredItem> itemsById(String nodeId, Collection<String> ids, long notBefore) throws SQLException {
    awaitWrites();
    List<StoredItem> found = new ArrayList<>();
    try (Connection connection = database.connection();
        PreparedStatement select = connection.prepareStatement("SELECT item_id, publisher, published_at, payload"
            + " FROM pubsub_item WHERE node_id = ? AND item_id = ? AND published_at >= ?")) {
      for (String id : ids) {
        select.setString(1, nodeId);
        select.setString(2, id);
        select.setLong(3, notBefore);
        found.addAll(read(select));
      }
    }
    return found;
  }

  /** Waits for the writes queued so far, so that a read follows them (see {@link WriteQueue#awaitQueuedWrites}). */
  private void awaitWrites() throws SQLException {
    try {
      writes.awaitQueuedWrites();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for queued writes", e);
    }
  }

  private static List<StoredItem> read(PreparedStatement select) throws SQLException {
    List<StoredItem> items = new ArrayList<>();
    try (ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        items.add(new StoredItem(rows.getString(1), rows.getString(2), rows.getLong(3), rows.getString(4)));
      }
    }
    return items;
  }

  /** Commits what waits and stops writing; the database stays open. */
  @Override
  public void close() {
    writes.close();
  }
}
