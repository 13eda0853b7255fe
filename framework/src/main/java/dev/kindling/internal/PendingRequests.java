package dev.kindling.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;

/**
 * IQ requests that await their answer, by id (RFC 6120 §8.2.3): an answer completes its request's future only if
 * it comes from the entity the request went to, so a third party cannot answer in its place.
 *
 * <p>Internal: shared by the connection and the test kit's in-memory tester; not API. Thread-safe: requests are
 * registered on any thread and answered on the reader thread.
 */
public final class PendingRequests {
  private record Pending(JID to, CompletableFuture<IQ> future) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();
  private final String idPrefix;

  /** Creates the registry; fresh ids are {@code idPrefix} and a counter. */
  public PendingRequests(String idPrefix) {
    this.idPrefix = idPrefix;
  }

  /**
   * Registers {@code request}, giving it a fresh id unless it has one; the future completes with the answer or
   * fails with a {@link java.util.concurrent.TimeoutException} after {@code timeout}; it cannot be waited for in
   * a handler not marked {@code @Blocking} (see {@link AnswerFuture}).
   *
   * @throws IllegalArgumentException if the request is not a get or set, or its id is already awaited
   */
  public CompletableFuture<IQ> register(IQ request, Duration timeout) {
    if (!request.isRequest()) {
      throw new IllegalArgumentException("only an IQ get or set is a request, not type " + request.getType());
    }
    if (request.getID() == null || request.getID().isEmpty()) {
      request.setID(idPrefix + sequence.incrementAndGet());
    }
    String id = request.getID();
    CompletableFuture<IQ> future = new AnswerFuture<>();
    if (pending.putIfAbsent(id, new Pending(request.getTo(), future)) != null) {
      throw new IllegalArgumentException("an IQ with id '" + id + "' is already awaiting its answer");
    }
    future.whenComplete((answer, failure) -> pending.remove(id));
    return future.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Completes the request {@code answer} answers; returns {@code false} if it answers none. */
  public boolean complete(IQ answer) {
    String id = answer.getID();
    Pending request = id == null ? null : pending.get(id);
    if (request == null) {
      return false;
    }
    boolean fromAddressee = request.to() == null || request.to().equals(answer.getFrom());
    if (!fromAddressee) {
      return false;
    }
    return request.future().complete(answer);
  }

  /** Fails a registered request, for one that could not be sent. */
  public void fail(IQ request, Throwable cause) {
    Pending entry = pending.get(request.getID());
    if (entry != null) {
      entry.future().completeExceptionally(cause);
    }
  }

  /** Fails every request still waiting, for a connection closed for good. */
  public void failAll(Throwable cause) {
    pending.values().forEach(request -> request.future().completeExceptionally(cause));
  }
}
