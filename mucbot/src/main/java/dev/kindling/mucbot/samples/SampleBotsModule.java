package dev.kindling.mucbot.samples;

import com.google.inject.AbstractModule;
import dev.kindling.config.ConfigKeys;
import dev.kindling.mucbot.MucBots;

/**
 * The sample bots as one component of two identities: the command bot ({@code helper@…}) and the PubSub bridge
 * ({@code bridge@…}), composed with Guice as a user composes their own.
 */
public final class SampleBotsModule extends AbstractModule {
  /** The component name when none is given. */
  public static final String DEFAULT_NAME = "mucbot";

  private final String name;

  /** The sample bots as component {@code mucbot}. */
  public SampleBotsModule() {
    this(DEFAULT_NAME);
  }

  /** The sample bots as component {@code name}. */
  public SampleBotsModule(String name) {
    this.name = name;
  }

  @Override
  protected void configure() {
    ConfigKeys.declare(binder(), BridgeKeys.ALL);
    MucBots.bind(binder(), name, CommandBot.class, PubSubBridge.class);
  }
}
