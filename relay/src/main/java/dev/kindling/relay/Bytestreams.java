package dev.kindling.relay;

import dev.kindling.relay.RelayCounters.Count;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the relay does with connections once their handshake named a bytestream: pairs the two by hash, activates
 * the pair within the limits, and copies bytes both ways. Each side's bytes go through one pooled direct buffer
 * (the kernel copies into it and out of it; the Java heap never sees them), read only while the buffer has room, so
 * a side that does not read stops the other instead of growing memory. Rate limits and the byte limit cap how much
 * one read may take. Half-close is passed on: when a side ends its output, the other's input gets the end once the
 * bytes before it are written. Selector thread only.
 */
final class Bytestreams {
  static final int BUFFER = 64 * 1024;
  private static final int SPARE_BUFFERS = 256;
  private static final int READ_ROUNDS = 4;
  /** The least a throttled transfer waits for before it reads again (the rate limits keep at least 4 KiB). */
  private static final int RESUME_BYTES = 4096;

  /** What an activation found. */
  enum Activation { ACTIVATED, NO_SUCH_STREAM, ONE_SIDE_ONLY, ALREADY_ACTIVE, RELAY_BUSY, INITIATOR_BUSY }

  /** The limits of {@link RelayKeys}, 0 meaning none for bytes and rates. */
  record Limits(int maxTransfers, int maxPerJid, long maxBytes, long transferRate, long totalRate, long idleNanos) {}

  private final Limits limits;
  private final RelayCounters counters;
  private final RateLimit totalRate;
  private final Map<String, Transfer> byHash = new HashMap<>();
  private final Map<String, Integer> perOwner = new HashMap<>();
  private final Set<Transfer> running = new LinkedHashSet<>();
  private final Set<Transfer> throttled = new LinkedHashSet<>();
  private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();

  Bytestreams(Limits limits, RelayCounters counters, long now) {
    this.limits = limits;
    this.counters = counters;
    this.totalRate = limits.totalRate() > 0 ? new RateLimit(limits.totalRate(), now) : null;
  }

  /**
   * Pairs a connection whose handshake named {@code hash}: the first is the target, the second the initiator, a
   * third is refused (XEP-0065 §7.1: one target per bytestream).
   */
  void connected(Socks5Connection connection, String hash) throws IOException {
    Transfer existing = byHash.get(hash);
    if (existing != null && (existing.initiator != null || existing.active)) {
      counters.refuse(Count.THIRD_CONNECTION, connection.remote);
      connection.refuse();
      return;
    }
    Transfer transfer = existing != null ? existing : new Transfer(hash, connection);
    connection.accept(transfer);                    // registered only once the client has its answer
    if (existing == null) {
      byHash.put(hash, transfer);
    } else {
      existing.initiator = connection;
    }
  }

  /** Activates the bytestream of {@code hash} for {@code owner}, the bare JID of its initiator. */
  Activation activate(String hash, String owner, long now) {
    Transfer transfer = byHash.get(hash);
    if (transfer == null) {
      counters.refuse(Count.NO_SUCH_STREAM, owner);
      return Activation.NO_SUCH_STREAM;
    }
    if (transfer.active) {
      return Activation.ALREADY_ACTIVE;
    }
    if (transfer.initiator == null) {
      return Activation.ONE_SIDE_ONLY;
    }
    if (running.size() >= limits.maxTransfers()) {
      counters.refuse(Count.TRANSFER_LIMIT, owner);
      end(transfer);
      return Activation.RELAY_BUSY;
    }
    if (perOwner.getOrDefault(owner, 0) >= limits.maxPerJid()) {
      counters.refuse(Count.JID_LIMIT, owner);
      end(transfer);
      return Activation.INITIATOR_BUSY;
    }
    ByteBuffer targetBuffer = buffer();
    ByteBuffer initiatorBuffer = buffer();
    transfer.active = true;
    transfer.owner = owner;
    transfer.lastMoved = now;
    transfer.rate = limits.transferRate() > 0 ? new RateLimit(limits.transferRate(), now) : null;
    perOwner.merge(owner, 1, Integer::sum);
    running.add(transfer);
    counters.add(Count.TRANSFERS, 1);
    counters.transfers(1);
    moved(transfer, transfer.target.startRelaying(targetBuffer) + transfer.initiator.startRelaying(initiatorBuffer),
        now);
    if (overMaxBytes(transfer)) {
      return Activation.ACTIVATED;
    }
    interest(transfer.target);
    interest(transfer.initiator);
    return Activation.ACTIVATED;
  }

  /** Closes the connections of {@code hash}, if it is not relaying: its activation was refused. */
  void discard(String hash) {
    Transfer transfer = byHash.get(hash);
    if (transfer != null && !transfer.active) {
      end(transfer);
    }
  }

  /**
   * Reads what {@code side} sent, within the limits, and passes it on; again while the other side takes it all at
   * once (a few rounds, so one busy transfer does not hold the loop).
   */
  void readable(Socks5Connection side, long now) throws IOException {
    Transfer transfer = side.transfer;
    Socks5Connection peer = transfer.peerOf(side);
    for (int round = 0; round < READ_ROUNDS; round++) {
      long budget = budget(transfer, now);
      if (budget <= 0) {
        throttle(transfer);
        return;
      }
      ByteBuffer buffer = side.in;
      int limit = buffer.limit();
      buffer.limit(buffer.position() + (int) Math.min(buffer.remaining(), budget));
      int read;
      try {
        read = side.channel.read(buffer);
      } finally {
        buffer.limit(limit);
      }
      if (read < 0) {
        side.ended = true;
      } else if (read > 0) {
        moved(transfer, read, now);
        if (overMaxBytes(transfer)) {
          return;
        }
      }
      if (!flush(side, peer, now) || read <= 0 || side.in.position() > 0) {
        return;
      }
    }
  }

  /** Cuts {@code transfer} if it moved more than {@code relay.max-transfer-bytes}; whether it did. */
  private boolean overMaxBytes(Transfer transfer) {
    if (limits.maxBytes() <= 0 || transfer.bytes <= limits.maxBytes()) {
      return false;
    }
    counters.add(Count.BYTES, limits.maxBytes() - transfer.bytes);        // what was read beyond was not relayed
    counters.refuse(Count.OVER_MAX_BYTES, transfer.owner);
    end(transfer);
    return true;
  }

  /** Writes to {@code side} what the other side left for it. */
  void writable(Socks5Connection side, long now) throws IOException {
    flush(side.transfer.peerOf(side), side, now);
  }

  /** Closes {@code side}, and its transfer with it; counts a running transfer as {@code broken}. */
  void drop(Socks5Connection side, Count reason, String detail) {
    Transfer transfer = side.transfer;
    if (transfer != null && !transfer.ended) {
      counters.refuse(reason, side.remote + ": " + detail);
      end(transfer);
    } else if (side.close()) {
      counters.refuse(reason, side.remote + ": " + detail);
    }
  }

  /** Lets throttled transfers read again where their limits have refilled enough for a useful read. */
  void resume(long now) {
    for (Transfer transfer : List.copyOf(throttled)) {
      if (budget(transfer, now) >= RESUME_BYTES) {
        throttled.remove(transfer);
        transfer.throttled = false;
        interest(transfer.target);
        interest(transfer.initiator);
      }
    }
  }

  /** Whether some transfer waits for a rate limit (the loop then wakes often to resume it). */
  boolean throttling() {
    return !throttled.isEmpty();
  }

  /** Cuts the transfers that moved no byte for {@code relay.idle-timeout}. */
  void cutIdle(long now) {
    for (Transfer transfer : List.copyOf(running)) {
      if (now - transfer.lastMoved > limits.idleNanos()) {
        counters.refuse(Count.IDLE_TIMEOUT, transfer.owner);
        end(transfer);
      }
    }
  }

  /** Closes every transfer, for the stop. */
  void endAll() {
    for (Transfer transfer : List.copyOf(byHash.values())) {
      end(transfer);
    }
    for (Transfer transfer : List.copyOf(running)) {
      end(transfer);
    }
  }

  /** Writes what {@code from} read to {@code to}; {@code false} if that ended the transfer. */
  private boolean flush(Socks5Connection from, Socks5Connection to, long now) throws IOException {
    ByteBuffer buffer = from.in;
    if (buffer.position() > 0) {
      buffer.flip();
      if (to.channel.write(buffer) > 0) {
        from.transfer.lastMoved = now;
      }
      buffer.compact();
    }
    if (from.ended && buffer.position() == 0 && !to.outputShut) {
      to.outputShut = true;
      to.channel.shutdownOutput();
    }
    if (from.ended && to.ended && from.in.position() == 0 && to.in.position() == 0) {
      counters.add(Count.COMPLETED, 1);
      end(from.transfer);
      return false;
    }
    interest(from);
    interest(to);
    return true;
  }

  /** Reads while there is room and no limit holds it; writes while the other side left bytes. */
  private void interest(Socks5Connection side) {
    SelectionKey key = side.key;
    if (!key.isValid()) {
      return;
    }
    int ops = 0;
    if (!side.ended && side.in.hasRemaining() && !side.transfer.throttled) {
      ops |= SelectionKey.OP_READ;
    }
    if (side.transfer.peerOf(side).in.position() > 0) {
      ops |= SelectionKey.OP_WRITE;
    }
    if (ops != side.ops) {
      side.ops = ops;
      key.interestOps(ops);
    }
  }

  /** How many bytes the next read of {@code transfer} may take: its byte limit (+1, to see it passed) and rates. */
  private long budget(Transfer transfer, long now) {
    long left = limits.maxBytes() - transfer.bytes;
    long budget = limits.maxBytes() > 0 && left < Long.MAX_VALUE ? left + 1 : Long.MAX_VALUE;
    if (transfer.rate != null) {
      budget = Math.min(budget, transfer.rate.available(now));
    }
    if (totalRate != null) {
      long total = totalRate.available(now);             // a fair share, so one transfer cannot take it all
      budget = Math.min(budget, total < RESUME_BYTES ? total : Math.max(RESUME_BYTES, total / running.size()));
    }
    return budget;
  }

  private void moved(Transfer transfer, int bytes, long now) {
    transfer.bytes += bytes;
    transfer.lastMoved = now;
    counters.add(Count.BYTES, bytes);
    if (transfer.rate != null) {
      transfer.rate.take(bytes);
    }
    if (totalRate != null) {
      totalRate.take(bytes);
    }
  }

  private void throttle(Transfer transfer) {
    transfer.throttled = true;
    throttled.add(transfer);
    interest(transfer.target);
    interest(transfer.initiator);
  }

  /** Closes both connections of {@code transfer} and gives back what it held. */
  private void end(Transfer transfer) {
    if (transfer.ended) {
      return;
    }
    transfer.ended = true;
    byHash.remove(transfer.hash, transfer);
    throttled.remove(transfer);
    if (running.remove(transfer)) {
      counters.transfers(-1);
      perOwner.computeIfPresent(transfer.owner, (owner, count) -> count > 1 ? count - 1 : null);
    }
    for (Socks5Connection side : new Socks5Connection[] {transfer.target, transfer.initiator}) {
      if (side != null) {
        side.close();
        if (side.pooled) {
          release(side.in);
        }
        side.in = null;
      }
    }
  }

  private ByteBuffer buffer() {
    ByteBuffer buffer = spare.poll();
    return buffer != null ? buffer : ByteBuffer.allocateDirect(BUFFER);
  }

  private void release(ByteBuffer buffer) {
    if (buffer != null && spare.size() < SPARE_BUFFERS) {
      spare.push(buffer.clear());
    }
  }
}
