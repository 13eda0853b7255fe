package dev.kindling.dispatch;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizes and bounds of a component's handler execution.
 *
 * @param workers threads running ordinary handlers; by default the number of processors. {@code 0} runs every
 *     handler on the connection's reader thread, in arrival order, with no queue: only for components whose
 *     handlers never block, and for measuring the stanza path on one core
 * @param blockingWorkers threads running {@link dev.kindling.handler.Blocking} handlers
 * @param perSenderQueue how many stanzas of one sender may wait or run at once; beyond it the sender's IQ
 *     requests get {@code resource-constraint} (type {@code wait}) and its other stanzas are dropped
 * @param totalQueue how many stanzas of all senders may wait or run at once, the same way
 * @param drainTimeout how long closing waits for accepted stanzas to be handled
 */
public record DispatchSettings(int workers, int blockingWorkers, int perSenderQueue, int totalQueue,
    Duration drainTimeout) {
  /** Processors' worth of workers, 64 blocking workers, 1 000 per sender, 100 000 in all, 10 s to drain. */
  public static final DispatchSettings DEFAULT = new DispatchSettings(
      Runtime.getRuntime().availableProcessors(), 64, 1_000, 100_000, Duration.ofSeconds(10));

  /** Checks every bound is positive. */
  public DispatchSettings {
    if (workers < 0) {
      throw new IllegalArgumentException("workers must be 0 (run on the reader thread) or more: " + workers);
    }
    positive(blockingWorkers, "blockingWorkers");
    positive(perSenderQueue, "perSenderQueue");
    positive(totalQueue, "totalQueue");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
  }

  private static void positive(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }
}
