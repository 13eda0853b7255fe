package dev.kindling.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a long-running command alive until SIGTERM or Ctrl-C, then closes its resources in reverse order, so
 * components send {@code </stream:stream>} and throwaway servers stop before the process ends.
 */
final class UntilStopped {
  private static final Logger log = LoggerFactory.getLogger(UntilStopped.class);

  private UntilStopped() {}

  /**
   * From now on, closes {@code resources}, last first, when the JVM is asked to stop: registered before a long
   * start (connecting, starting services), so that a SIGTERM meanwhile still stops what started.
   */
  static UntilStopped closingOnShutdown(AutoCloseable... resources) {
    List<AutoCloseable> order = List.of(resources);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (int i = order.size() - 1; i >= 0; i--) {
        try {
          order.get(i).close();
        } catch (Exception e) {
          log.warn("closing {} failed: {}", order.get(i), e.getMessage());
        }
      }
    }, "kindling-shutdown"));
    return new UntilStopped();
  }

  /** Blocks until the JVM is asked to stop; {@code resources} are closed, last first, as it stops. */
  static void await(AutoCloseable... resources) throws InterruptedException {
    closingOnShutdown(resources).await();
  }

  /** Blocks until the JVM is asked to stop (the shutdown hook closes what was registered). */
  void await() throws InterruptedException {
    new CountDownLatch(1).await();
  }
}
