package dev.kindling.pubsub;

import dev.kindling.pubsub.store.PubSubDatabase;
import dev.kindling.testkit.PostgresServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The two databases the PubSub service runs on, as configuration for a test of its own. */
public enum TestDatabase {
  /** The default: an H2 file under the data directory. */
  H2,
  /** A fresh database on the test kit's throwaway PostgreSQL. */
  POSTGRESQL;

  /** The configuration keys that put the service's state here, under {@code dataDir} for H2. */
  Map<String, String> config(Path dataDir) {
    Map<String, String> config = new HashMap<>();
    config.put("data-dir", dataDir.toString());
    if (this == POSTGRESQL) {
      config.put(PubSubKeys.DATABASE_URL.name(), jdbcUrl(dataDir));
    }
    return config;
  }

  /** The JDBC URL of a new, empty database: an H2 file under {@code dataDir}, or one on the shared PostgreSQL. */
  public String jdbcUrl(Path dataDir) {
    if (this == H2) {
      return PubSubDatabase.h2Url(dataDir.resolve("pubsub"));
    }
    try {
      return PostgresServer.shared().createDatabase().jdbcUrl();
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a PostgreSQL database: " + e.getMessage(), e);
    }
  }
}
