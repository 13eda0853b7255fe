package dev.kindling.inject;

import dev.kindling.connection.ConnectionListener;
import dev.kindling.connection.ConnectionState;
import dev.kindling.internal.HandlerThread;
import dev.kindling.lifecycle.ConnectionEvents;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A component's {@link ConnectionEvents}: hears its connection's changes on whatever thread made them and tells
 * the listeners on a thread of its own, one event at a time, in order (the thread ends when idle).
 */
final class EventRelay implements ConnectionEvents, ConnectionListener {
  private static final Logger log = LoggerFactory.getLogger(EventRelay.class);

  private final String component;
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final ThreadPoolExecutor thread;
  /** The last state relayed; guarded by {@code this}. */
  private ConnectionState lastTold;

  EventRelay(String component) {
    this.component = component;
    this.thread = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        runnable -> new EventThread(runnable, "kindling-events-" + component));
    thread.allowCoreThreadTimeOut(true);
  }

  @Override
  public void listen(ConnectionListener listener) {
    listeners.add(listener);
  }

  /**
   * Relays {@code AUTHENTICATED}, {@code DISCONNECTED} once per loss (not again for each reconnection attempt that
   * fails), and {@code CLOSED}.
   */
  @Override
  public synchronized void stateChanged(ConnectionState state, Throwable cause) {
    if (state == ConnectionState.NEW || state == ConnectionState.CONNECTING
        || state == ConnectionState.DISCONNECTED && lastTold == ConnectionState.DISCONNECTED) {
      return;
    }
    lastTold = state;
    try {
      thread.execute(() -> listeners.forEach(listener -> tell(listener, state, cause)));
    } catch (RejectedExecutionException closed) {
      log.debug("{}: connection event {} after the component stopped", component, state);
    }
  }

  /**
   * The thread listeners run on: a handler thread in that it belongs to the component, so that closing Kindling
   * from a listener does not wait for the listener itself; a listener may block briefly.
   */
  private static final class EventThread extends Thread implements HandlerThread {
    EventThread(Runnable runnable, String name) {
      super(runnable, name);
      setDaemon(true);
    }

    @Override
    public boolean mustNotWait() {
      return false;
    }
  }

  private void tell(ConnectionListener listener, ConnectionState state, Throwable cause) {
    try {
      listener.stateChanged(state, cause);
    } catch (RuntimeException e) {
      log.error("{}: a connection listener failed on {}", component, state, e);
    }
  }

  /** Tells what is queued (for up to {@code seconds}; not waiting for itself on the event thread), then stops. */
  void close(long seconds) {
    thread.shutdown();
    if (Thread.currentThread() instanceof EventThread) {
      return;
    }
    try {
      if (!thread.awaitTermination(seconds, TimeUnit.SECONDS)) {
        log.warn("{}: connection listeners still ran {} s after the component stopped", component, seconds);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
