package dev.kindling.mucbot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room's calls of bot methods, in order. A quick method runs at once on the thread that handles the room's
 * stanza (usually the connection's reader: no thread hand-off, which is most of the cost of an answer); one marked
 * {@link dev.kindling.handler.Blocking} runs on the bots' pool, and while it or calls queued behind it wait, every
 * later call of the room queues too, so that a room's events are never handled out of order.
 *
 * <p>Calls come one at a time (the framework orders a room's stanzas by its bare JID), so only the queue is
 * shared with the pool's thread. The queue is bounded ({@value #MAX_WAITING}): a room flooding a bot whose method
 * blocks loses calls, not the process's memory.
 */
final class RoomLane {
  private static final Logger log = LoggerFactory.getLogger(RoomLane.class);
  /** Calls one room may have waiting behind a blocking one; beyond, new ones are dropped (and logged once). */
  static final int MAX_WAITING = 1_000;

  private final Executor pool;
  private final Deque<Runnable> queued = new ArrayDeque<>();
  private boolean draining;
  private boolean warned;

  RoomLane(Executor pool) {
    this.pool = pool;
  }

  /** Runs {@code call} now if it is quick and nothing of the room waits, else after what waits. */
  void run(Runnable call, boolean blocking) {
    synchronized (this) {
      if (blocking || draining) {
        if (queued.size() >= MAX_WAITING) {
          if (!warned) {
            warned = true;
            log.warn("{} bot calls of one room wait behind a blocking one: dropping new ones until they are done",
                MAX_WAITING);
          }
          return;
        }
        queued.addLast(call);
        if (!draining) {
          draining = true;
          pool.execute(this::drain);
        }
        return;
      }
    }
    call.run();
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = queued.pollFirst();
        if (next == null) {
          draining = false;
          warned = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        log.warn("a bot method failed", e);
      }
    }
  }
}
