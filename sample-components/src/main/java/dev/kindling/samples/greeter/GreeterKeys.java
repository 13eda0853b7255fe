package dev.kindling.samples.greeter;

import dev.kindling.config.ConfigKey;

/** The greeter's own configuration keys, declared by {@link GreeterModule}. */
public final class GreeterKeys {
  /** The word the greeter greets with. */
  public static final ConfigKey<String> GREETING = ConfigKey.string("greeter.greeting").withDefault("Hello")
      .withDescription("the word the greeter greets with");
  /** How many times it says it. */
  public static final ConfigKey<Integer> TIMES = ConfigKey.integer("greeter.times", 1, 5).withDefault(1)
      .withDescription("how many times it says the greeting");
  /** How it signs its answers. */
  public static final ConfigKey<String> SIGNATURE = ConfigKey.string("greeter.signature").withDefault("the greeter")
      .withDescription("how it signs its answers");

  private GreeterKeys() {}
}
