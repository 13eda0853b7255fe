package dev.kindling.dispatch;

/**
 * A handler ready to run: what it is, how to call it, and on which pool.
 *
 * @param spec the handler method
 * @param invoker calls it
 */
public record Route(HandlerSpec spec, Invoker invoker) {
  /** Whether it runs on the blocking pool. */
  public boolean blocking() {
    return spec.blocking();
  }
}
