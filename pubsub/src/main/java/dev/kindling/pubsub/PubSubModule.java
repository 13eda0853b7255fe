package dev.kindling.pubsub;

import com.google.inject.AbstractModule;
import dev.kindling.config.ConfigKeys;
import dev.kindling.inject.Components;
import dev.kindling.pubsub.service.Approvals;
import dev.kindling.pubsub.service.PubSubDisco;
import dev.kindling.pubsub.service.PubSubRequests;
import dev.kindling.pubsub.service.PubSubService;
import java.util.List;

/**
 * Declares the PubSub service as a component named {@code pubsub} (or another name) with its configuration
 * keys: install it with {@code kindling run --module dev.kindling.pubsub.PubSubModule}, or in a module of one's
 * own next to other components.
 */
public final class PubSubModule extends AbstractModule {
  /** The component name when none is given. */
  public static final String DEFAULT_NAME = "pubsub";

  /** The classes of the component: its handlers, disco, and the service holding the database and nodes. */
  public static final List<Class<?>> CLASSES = List.of(PubSubService.class, PubSubRequests.class,
      PubSubDisco.class, Approvals.class);

  private final String name;

  /** The service as component {@code pubsub}. */
  public PubSubModule() {
    this(DEFAULT_NAME);
  }

  /** The service as component {@code name}, configured by {@code component.<name>.domain} and the others. */
  public PubSubModule(String name) {
    this.name = name;
  }

  @Override
  protected void configure() {
    ConfigKeys.declare(binder(), PubSubKeys.ALL);
    Components.bind(binder()).add(name, PubSubModule.CLASSES.toArray(Class<?>[]::new));
  }
}
