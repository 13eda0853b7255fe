package dev.kindling.inject;

import com.google.inject.Injector;
import dev.kindling.connection.PacketListener;
import dev.kindling.dispatch.DispatchStats;
import dev.kindling.dispatch.Dispatcher;
import dev.kindling.dispatch.PerSenderExecutor;
import dev.kindling.handler.Outbound;

/**
 * One assembled component: its injector (with its handler instances), its dispatcher and its executor, sending
 * through its {@link Outbound}. Feed it stanzas through {@link #inbound()}.
 */
public final class ComponentRuntime {
  private final String name;
  private final Injector injector;
  private final Dispatcher dispatcher;
  private final PerSenderExecutor executor;

  ComponentRuntime(String name, Injector injector, Dispatcher dispatcher, PerSenderExecutor executor) {
    this.name = name;
    this.injector = injector;
    this.dispatcher = dispatcher;
    this.executor = executor;
  }

  /** The component's name. */
  public String name() {
    return name;
  }

  /** The component's injector: {@code injector().getInstance(MyHandlers.class)} is its handler instance. */
  public Injector injector() {
    return injector;
  }

  /** Where inbound stanzas go: the dispatcher. */
  public PacketListener inbound() {
    return dispatcher;
  }

  /** The dispatcher's counters. */
  public DispatchStats stats() {
    return dispatcher.stats();
  }

  /** Stanzas accepted and not yet handled. */
  public int pending() {
    return executor.pending();
  }

  /**
   * Stops taking stanzas, lets the accepted ones finish (up to the drain timeout), and stops the threads.
   *
   * @return whether every accepted stanza was handled
   */
  public boolean drain() {
    return executor.drain();
  }
}
