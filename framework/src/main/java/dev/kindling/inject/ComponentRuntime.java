package dev.kindling.inject;

import com.google.inject.Injector;
import dev.kindling.connection.ConnectionListener;
import dev.kindling.connection.ConnectionState;
import dev.kindling.connection.PacketListener;
import dev.kindling.dispatch.DispatchStats;
import dev.kindling.dispatch.Dispatcher;
import dev.kindling.dispatch.PerSenderExecutor;
import dev.kindling.handler.Outbound;

/**
 * One assembled component: its injector (with its handler instances), its dispatcher and its executor, sending
 * through its {@link Outbound}, its {@link dev.kindling.lifecycle.ComponentService}s and its connection events.
 * Feed it stanzas through {@link #inbound()} and connection changes through {@link #connectionListener()}.
 *
 * <p>Its life: {@link #start()} (its services), stanzas, {@link #drain()}, {@link #stop()} (its services, in
 * reverse, and its event thread).
 */
public final class ComponentRuntime {
  private final String name;
  private final Injector injector;
  private final Dispatcher dispatcher;
  private final PerSenderExecutor executor;
  private final ServiceGroup services;
  private final EventRelay events;
  private final Runnable afterStop;

  ComponentRuntime(String name, Injector injector, Dispatcher dispatcher, PerSenderExecutor executor,
      ServiceGroup services, EventRelay events, Runnable afterStop) {
    this.name = name;
    this.injector = injector;
    this.dispatcher = dispatcher;
    this.executor = executor;
    this.services = services;
    this.events = events;
    this.afterStop = afterStop;
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

  /**
   * Where the component's connection reports its changes, relayed to the component's
   * {@link dev.kindling.lifecycle.ConnectionEvents} listeners; the test kit calls it to simulate them.
   */
  public ConnectionListener connectionListener() {
    return events;
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
   * Starts the component's services (its handler classes that are {@code ComponentService}s), in order.
   *
   * @throws dev.kindling.lifecycle.ServiceStartException naming the one that failed, after stopping the others
   */
  public void start() {
    services.start();
  }

  /**
   * Tells its services it is closing ({@link dev.kindling.lifecycle.ComponentService#closing()}: their last stanzas), stops taking
   * stanzas, lets the accepted ones finish (up to the drain timeout), and stops the threads.
   *
   * @return whether every accepted stanza was handled
   */
  public boolean drain() {
    services.closing();
    return executor.drain();
  }

  /**
   * Stops the component's services, last started first, after telling its connection listeners what is still
   * queued. Call it after {@link #drain()} and after its connection closed.
   */
  public void stop() {
    events.close(5);
    services.stop();
    afterStop.run();
  }
}
