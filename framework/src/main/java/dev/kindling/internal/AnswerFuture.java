package dev.kindling.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a request's answer, and of every stage derived from it, which refuses to be waited for on a
 * {@link ReaderThread}: that thread is the one that would deliver the answer, so waiting there could only end
 * in a timeout, with the whole connection stalled meanwhile. The refusal names the way out instead.
 */
public final class AnswerFuture<T> extends CompletableFuture<T> {
  @Override
  public T get() throws InterruptedException, ExecutionException {
    refuseToWaitOnReader();
    return super.get();
  }

  @Override
  public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
    refuseToWaitOnReader();
    return super.get(timeout, unit);
  }

  @Override
  public T join() {
    refuseToWaitOnReader();
    return super.join();
  }

  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new AnswerFuture<>();
  }

  private void refuseToWaitOnReader() {
    if (!isDone() && ReaderThread.isCurrent()) {
      throw new IllegalStateException("waiting for an answer on " + Thread.currentThread().getName()
          + ", the thread that reads the answers, would stall the connection: return the future from the"
          + " handler instead, or mark the handler @Blocking");
    }
  }
}
