package dev.kindling.internal;

/**
 * The thread that reads a connection's stream. It delivers the answers to requests and may run quick handlers
 * itself, so nothing on it may wait for an answer: {@link AnswerFuture} checks for it.
 */
public final class ReaderThread extends Thread {
  /** A daemon thread named {@code name} running {@code loop}. */
  public ReaderThread(Runnable loop, String name) {
    super(loop, name);
    setDaemon(true);
  }

  /** Whether the calling thread reads a connection's stream. */
  public static boolean isCurrent() {
    return Thread.currentThread() instanceof ReaderThread;
  }
}
