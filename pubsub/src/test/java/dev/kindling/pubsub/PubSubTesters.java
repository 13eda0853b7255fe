package dev.kindling.pubsub;

import com.google.inject.Module;
import dev.kindling.config.ConfigKeys;
import dev.kindling.testkit.ComponentTester;
import java.nio.file.Path;

/** The PubSub service in a {@link ComponentTester}, on an H2 database in a test's temporary directory. */
final class PubSubTesters {
  private PubSubTesters() {}

  static ComponentTester.Builder inMemoryServer(Path dataDir) {
    Module keys = binder -> ConfigKeys.declare(binder, PubSubKeys.ALL);
    return ComponentTester.of(PubSubModule.CLASSES.toArray(Class<?>[]::new))
        .domain("pubsub.localhost")
        .config("data-dir", dataDir.toString())
        .modules(keys);
  }
}
