package dev.kindling.builtin;

import java.util.Locale;

/** The built-in handlers, each on unless switched off in the configuration ({@code builtins.<name>=false}). */
public enum Builtin {
  /** XEP-0199 ping. */
  PING(PingHandler.class),
  /** XEP-0092 software version. */
  VERSION(VersionHandler.class),
  /** XEP-0202 entity time. */
  TIME(TimeHandler.class),
  /** XEP-0012 last activity (uptime). */
  LAST(UptimeHandler.class);

  private final Class<?> handler;

  Builtin(Class<?> handler) {
    this.handler = handler;
  }

  /** The handler class. */
  public Class<?> handler() {
    return handler;
  }

  /** The name in configuration keys, such as {@code ping}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
