package dev.kindling.relay;

import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the relay has done since it started: connections, transfers, bytes, and every refusal or cut by its reason.
 * Written by the selector thread and the XMPP handlers, read by the {@code stats} command. Each refusal is logged
 * in one line, at most once a second per reason (the counters keep the rest), so a scanner cannot flood the log.
 */
@Singleton
final class RelayCounters {
  private static final Logger log = LoggerFactory.getLogger(RelayCounters.class);

  /** What is counted. */
  enum Count {
    CONNECTIONS("SOCKS5 connections accepted"),
    TRANSFERS("transfers activated"),
    COMPLETED("transfers completed (both sides ended their output)"),
    BYTES("bytes relayed"),
    BAD_HANDSHAKE("connections refused: not a XEP-0065 SOCKS5 handshake"),
    THIRD_CONNECTION("connections refused: a bytestream's third connection"),
    CONNECTION_LIMIT("connections refused: relay.max-connections reached"),
    HANDSHAKE_TIMEOUT("connections closed: no handshake within relay.handshake-timeout"),
    ACTIVATION_TIMEOUT("connections closed: not activated within relay.activation-timeout"),
    LEFT_EARLY("connections closed by their client before the activation"),
    NOT_PERMITTED("activations refused: relay.allow"),
    TRANSFER_LIMIT("activations refused: relay.max-transfers reached"),
    JID_LIMIT("activations refused: relay.max-transfers-per-jid reached"),
    NO_SUCH_STREAM("activations refused: no such bytestream (or not from its initiator)"),
    IDLE_TIMEOUT("transfers cut: idle for relay.idle-timeout"),
    OVER_MAX_BYTES("transfers cut: over relay.max-transfer-bytes"),
    BROKEN("transfers cut: a side failed or reset its connection");

    final String description;

    Count(String description) {
      this.description = description;
    }
  }

  private final AtomicLongArray counts = new AtomicLongArray(Count.values().length);
  private final long[] lastLogged = new long[Count.values().length];
  private final AtomicInteger openConnections = new AtomicInteger();
  private final AtomicInteger activeTransfers = new AtomicInteger();

  /** Adds {@code amount} to {@code count}. */
  void add(Count count, long amount) {
    counts.addAndGet(count.ordinal(), amount);
  }

  /** Counts one refusal or cut and logs it, unless one of its kind was logged in the last second. */
  void refuse(Count count, String detail) {
    add(count, 1);
    long now = System.nanoTime();
    synchronized (lastLogged) {
      if (lastLogged[count.ordinal()] != 0 && now - lastLogged[count.ordinal()] < 1_000_000_000L) {
        return;
      }
      lastLogged[count.ordinal()] = now == 0 ? 1 : now;
    }
    log.info("relay: {} ({})", count.description, detail);
  }

  /** The value of {@code count}. */
  long get(Count count) {
    return counts.get(count.ordinal());
  }

  /** A connection was accepted ({@code +1}) or closed ({@code -1}). */
  void connections(int change) {
    openConnections.addAndGet(change);
  }

  /** A transfer was activated ({@code +1}) or ended ({@code -1}). */
  void transfers(int change) {
    activeTransfers.addAndGet(change);
  }

  /** The connections open now. */
  int openConnections() {
    return openConnections.get();
  }

  /** The transfers running now. */
  int activeTransfers() {
    return activeTransfers.get();
  }

  /** Every count, in order. */
  Map<Count, Long> all() {
    Map<Count, Long> all = new EnumMap<>(Count.class);
    for (Count count : Count.values()) {
      all.put(count, get(count));
    }
    return all;
  }
}
