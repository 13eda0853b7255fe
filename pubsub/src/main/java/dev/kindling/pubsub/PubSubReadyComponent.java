package dev.kindling.pubsub;

import com.google.inject.Module;
import dev.kindling.inject.ReadyComponent;

/**
 * The PubSub service as a ready component: {@code kindling run --set components=pubsub} with its domain and
 * secret runs it, no module to name ({@code component.<name>.kind=pubsub} runs it under another name).
 */
public final class PubSubReadyComponent implements ReadyComponent {
  @Override
  public String name() {
    return PubSubModule.DEFAULT_NAME;
  }

  @Override
  public String description() {
    return "publish-subscribe service (XEP-0060) on H2 or PostgreSQL";
  }

  @Override
  public Module module(String componentName) {
    return new PubSubModule(componentName);
  }
}
