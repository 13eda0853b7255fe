package dev.kindling.handler;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Sends stanzas from a component: inject it into a handler or service. Each component has its own, bound to
 * its own connection.
 *
 * <p>A stanza is sent from any address of the component's domain ({@code pubsub.example.org},
 * {@code helper@bots.example.org/Helper}): its {@code from}, set to the domain when missing; a {@code from}
 * outside the domain, which the server would refuse and end the stream for (XEP-0114 §3), is refused here with
 * an {@link IllegalArgumentException} naming it.
 *
 * <p>The send queue is bounded ({@code send-queue}): {@link #queued()} tells how full it is, {@link #whenRoom()}
 * when it has room again, and {@link #sendAll} waits for room by itself, so a service sending a lot (a PubSub
 * notification to ten thousand subscribers) neither drops stanzas nor grows the queue without limit.
 *
 * <p>Thread-safe; nothing here blocks. A packet passed here belongs to Kindling afterwards: do not change it.
 */
public interface Outbound {
  /** How long {@link #request(IQ)} waits for the answer. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The component's own address, its domain. */
  JID jid();

  /**
   * Queues a stanza to send.
   *
   * @return {@code false} if it was dropped because the send queue is full or the component is closed
   * @throws IllegalArgumentException if its {@code from} is outside the component's domain
   */
  boolean send(Packet packet);

  /**
   * Sends a copy of {@code template} to each of {@code recipients}, differing only in its {@code to}: the
   * template is serialised once, whatever the number of recipients. Queues them as the send queue has room, in
   * order, after the copies of earlier {@code sendAll} calls, and completes when all are queued (while the
   * component is disconnected they wait in the queue). Copies take at most three quarters of the queue, so the
   * answers of handlers still find room; a stanza passed to {@link #send} meanwhile may go out before copies
   * still waiting for room. With a multicast service configured ({@code multicast}), a message to two or more
   * recipients on the server goes to that service instead, in stanzas naming the recipients (XEP-0033), and the
   * server makes the copies.
   *
   * @return a future completing when every copy is queued, failing with an {@link java.io.IOException} if the
   *     component closes first
   * @throws IllegalArgumentException if the template's {@code from} is outside the component's domain
   */
  CompletableFuture<Void> sendAll(Packet template, Collection<JID> recipients);

  /** How many stanzas wait in the send queue now; by default none, for an outbound without a queue. */
  default int queued() {
    return 0;
  }

  /** How many stanzas the send queue holds at most ({@code send-queue}); by default no bound. */
  default int queueCapacity() {
    return Integer.MAX_VALUE;
  }

  /**
   * A future completing once the send queue is at most half full (at once if it is now), for a service that
   * sends in bulk to pace itself; failing with an {@link java.io.IOException} if the component closes first. By
   * default completed, for an outbound without a queue.
   */
  default CompletableFuture<Void> whenRoom() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Sends an IQ get or set and returns the answer (result or error) from its addressee. The request gets an id
   * unique on this connection unless it has one.
   *
   * @return a future failing with {@link java.util.concurrent.TimeoutException} after {@code timeout}, or with
   *     an {@link java.io.IOException} if the request could not be sent
   * @throws IllegalArgumentException if its {@code from} is outside the component's domain
   */
  CompletableFuture<IQ> request(IQ request, Duration timeout);

  /** {@link #request(IQ, Duration)} with {@link #DEFAULT_TIMEOUT}. */
  default CompletableFuture<IQ> request(IQ request) {
    return request(request, DEFAULT_TIMEOUT);
  }
}
