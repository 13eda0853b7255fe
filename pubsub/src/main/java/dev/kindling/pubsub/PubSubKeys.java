package dev.kindling.pubsub;

import dev.kindling.config.ConfigKey;
import java.util.List;

/**
 * The PubSub service's configuration keys ({@code kindling keys} lists them with their defaults): where it keeps
 * its state, who may create nodes, and the limits that keep one client from taking more than its share.
 */
public final class PubSubKeys {
  public static final ConfigKey<String> DATABASE_URL = ConfigKey.string("pubsub.database-url")
      .withDefault("", "an H2 file under data-dir/pubsub")
      .withDescription("JDBC URL of the database, e.g. jdbc:postgresql://127.0.0.1/pubsub");
  public static final ConfigKey<String> DATABASE_USER = ConfigKey.string("pubsub.database-user")
      .withDefault("", "none").withDescription("database user");
  public static final ConfigKey<String> DATABASE_PASSWORD = ConfigKey.secret("pubsub.database-password")
      .withDefault("", "none").withDescription("database password");
  public static final ConfigKey<Integer> DATABASE_POOL = ConfigKey.integer("pubsub.database-pool", 2, 200)
      .withDefault(8).withDescription("database connections held");
  public static final ConfigKey<Integer> WRITE_QUEUE = ConfigKey.integer("pubsub.write-queue", 16, 1_000_000)
      .withDefault(20_000).withDescription("changes waiting to be committed before requests are refused");
  public static final ConfigKey<List<String>> CREATORS = ConfigKey.strings("pubsub.creators")
      .withDefault(List.of("local"))
      .withDescription("who may create nodes: 'local' (users of the server's domain), 'all', 'admins', or"
          + " domains and bare JIDs, comma-separated");
  public static final ConfigKey<Boolean> AUTO_CREATE = ConfigKey.bool("pubsub.auto-create").withDefault(true)
      .withDescription("whether publishing to a missing node creates it (for those who may create nodes)");
  public static final ConfigKey<Integer> MAX_PAYLOAD_BYTES = ConfigKey.integer("pubsub.max-payload-bytes", 1,
      16 * 1024 * 1024).withDefault(256 * 1024).withDescription("largest item payload in bytes");
  public static final ConfigKey<Integer> MAX_ITEMS = ConfigKey.integer("pubsub.max-items", 1, 1_000_000)
      .withDefault(10_000).withDescription("most items one node keeps (its max_items=max)");
  public static final ConfigKey<Integer> DEFAULT_MAX_ITEMS = ConfigKey.integer("pubsub.default-max-items", 1,
      1_000_000).withDefault(100).withDescription("max_items of a node created without one");
  public static final ConfigKey<Integer> MAX_NODES_PER_OWNER = ConfigKey.integer("pubsub.max-nodes-per-owner", 1,
      Integer.MAX_VALUE).withDefault(1_000).withDescription("most nodes one user may create");
  public static final ConfigKey<Integer> MAX_SUBSCRIPTIONS_PER_JID = ConfigKey.integer(
      "pubsub.max-subscriptions-per-jid", 1, Integer.MAX_VALUE).withDefault(1_000)
      .withDescription("most subscriptions one user may hold");
  public static final ConfigKey<Integer> REQUESTS_PER_SECOND = ConfigKey.integer("pubsub.requests-per-second", 1,
      Integer.MAX_VALUE).withDefault(200).withDescription("sustained requests per second one user may make");

  /** Every key, to declare. */
  public static final List<ConfigKey<?>> ALL = List.of(DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD,
      DATABASE_POOL, WRITE_QUEUE, CREATORS, AUTO_CREATE, MAX_PAYLOAD_BYTES, MAX_ITEMS, DEFAULT_MAX_ITEMS,
      MAX_NODES_PER_OWNER, MAX_SUBSCRIPTIONS_PER_JID, REQUESTS_PER_SECOND);

  private PubSubKeys() {}
}
