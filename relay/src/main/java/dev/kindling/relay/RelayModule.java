package dev.kindling.relay;

import com.google.inject.AbstractModule;
import dev.kindling.config.ConfigKeys;
import dev.kindling.inject.Components;

/**
 * Declares the SOCKS5 relay as a component named {@code relay} (or another name), with its keys. The
 * {@code relay.*} keys are the process's, so a process runs one relay; and since a bytestream's two connections
 * and its activation must meet in one process, a relay domain is served by one process (ejabberd would share the
 * domain's activations among several).
 */
public final class RelayModule extends AbstractModule {
  /** The component name when none is given. */
  public static final String DEFAULT_NAME = "relay";

  private final String name;

  /** The relay as component {@code relay}. */
  public RelayModule() {
    this(DEFAULT_NAME);
  }

  /** The relay as component {@code name}. */
  public RelayModule(String name) {
    this.name = name;
  }

  @Override
  protected void configure() {
    ConfigKeys.declare(binder(), RelayKeys.ALL);
    Components.bind(binder()).add(name, Socks5Server.class, ProxyHandlers.class, RelayStats.class);
  }
}
