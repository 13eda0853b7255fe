package dev.kindling.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a request's answer, and of every stage derived from it, which refuses to be waited for in a
 * handler not marked {@code @Blocking} (on a {@link HandlerThread} that {@link HandlerThread#mustNotWait()}):
 * such a handler may run on the connection's reader, the very thread that would deliver the answer, where
 * waiting could only end in a timeout with the whole connection stalled meanwhile. The refusal names the way out
 * instead. Futures not derived from this one ({@code CompletableFuture.allOf(...)}) are not checked.
 *
 * @param <T> the answer's type
 */
public final class AnswerFuture<T> extends CompletableFuture<T> {
  @Override
  public T get() throws InterruptedException, ExecutionException {
    refuseToWaitInQuickHandler();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    refuseToWaitInQuickHandler();
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    refuseToWaitInQuickHandler();
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new AnswerFuture<>();
  }

  private void refuseToWaitInQuickHandler() {
    if (!isDone() && HandlerThread.currentMustNotWait()) {
      throw new IllegalStateException("a handler not marked @Blocking waited for an answer (on "
          + Thread.currentThread().getName() + "), which could stall the connection that delivers it: return the"
          + " future from the handler instead, or mark the handler @Blocking");
    }
  }
}
