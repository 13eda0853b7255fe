package dev.kindling.internal;

/**
 * The thread that reads a connection's stream. It delivers the answers to requests and runs quick handlers
 * itself when the dispatcher is idle, so nothing on it may wait for an answer.
 */
public final class ReaderThread extends Thread implements HandlerThread {
  /** A daemon thread named {@code name} running {@code loop}. */
  public ReaderThread(Runnable loop, String name) {
    super(loop, name);
    setDaemon(true);
  }

  @Override
  public boolean mustNotWait() {
    return true;
  }
}
