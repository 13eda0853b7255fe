package dev.kindling.handler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Sends stanzas from a component: inject it into a handler or service. Each component has its own, bound to
 * its own connection.
 *
 * <p>Thread-safe; nothing here blocks. A packet passed here belongs to Kindling afterwards: do not change it.
 */
public interface Outbound {
  /** How long {@link #request(IQ)} waits for the answer. */
  Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  /** The component's own address, its domain; use it as the {@code from} of what it sends. */
  JID jid();

  /**
   * Queues a stanza to send.
   *
   * @return {@code false} if it was dropped because the outbound queue is full or the component is closed
   */
  boolean send(Packet packet);

  /**
   * Sends an IQ get or set and returns the answer (result or error) from its addressee. The request gets an id
   * unique on this connection unless it has one.
   *
   * @return a future failing with {@link java.util.concurrent.TimeoutException} after {@code timeout}, or with
   *     an {@link java.io.IOException} if the request could not be sent
   */
  CompletableFuture<IQ> request(IQ request, Duration timeout);

  /** {@link #request(IQ, Duration)} with {@link #DEFAULT_TIMEOUT}. */
  default CompletableFuture<IQ> request(IQ request) {
    return request(request, DEFAULT_TIMEOUT);
  }
}
