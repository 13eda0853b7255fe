package dev.kindling.pubsub;

import com.google.inject.Module;
import dev.kindling.config.ConfigKeys;
import dev.kindling.testkit.ComponentTester;
import java.nio.file.Path;

/** The PubSub service in a {@link ComponentTester}, on H2 in a test's temporary directory or on PostgreSQL. */
final class PubSubTesters {
  private PubSubTesters() {}

  static ComponentTester.Builder inMemoryServer(Path dataDir) {
    return inMemoryServer(TestDatabase.H2, dataDir);
  }

  /** The service with its state in {@code database}. */
  static ComponentTester.Builder inMemoryServer(TestDatabase database, Path dataDir) {
    Module keys = binder -> ConfigKeys.declare(binder, PubSubKeys.ALL);
    ComponentTester.Builder builder = ComponentTester.of(PubSubModule.CLASSES.toArray(Class<?>[]::new))
        .domain("pubsub.localhost")
        .modules(keys);
    database.config(dataDir).forEach(builder::config);
    return builder;
  }
}
