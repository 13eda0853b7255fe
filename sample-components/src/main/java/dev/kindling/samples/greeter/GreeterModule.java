package dev.kindling.samples.greeter;

import com.google.inject.AbstractModule;
import dev.kindling.config.ConfigKeys;
import dev.kindling.inject.Components;

/**
 * Declares the {@code greeter} component and its keys: {@code kindling run --module
 * dev.kindling.samples.greeter.GreeterModule --set greeter.greeting=Bonjour}, and {@code kindling keys --module …}
 * lists them.
 */
public final class GreeterModule extends AbstractModule {
  @Override
  protected void configure() {
    ConfigKeys.declare(binder(), GreeterKeys.GREETING, GreeterKeys.TIMES, GreeterKeys.SIGNATURE);
    Components.bind(binder()).add("greeter", GreeterComponent.class);
  }
}
