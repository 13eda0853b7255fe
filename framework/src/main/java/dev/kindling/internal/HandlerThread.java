package dev.kindling.internal;

/**
 * A thread that runs handlers: a connection's {@link ReaderThread} or a pool thread of the dispatcher. Those that
 * run handlers not marked {@code @Blocking} must not wait for anything, and {@link AnswerFuture} refuses to be
 * waited for on them — the same on a reader and on a worker, so that whether a handler works does not depend on
 * which of the two happens to run it.
 */
public interface HandlerThread {
  /** Whether this thread runs handlers not marked {@code @Blocking}, which must not wait. */
  boolean mustNotWait();

  /** Whether the calling thread must not wait. */
  static boolean currentMustNotWait() {
    return Thread.currentThread() instanceof HandlerThread thread && thread.mustNotWait();
  }
}
