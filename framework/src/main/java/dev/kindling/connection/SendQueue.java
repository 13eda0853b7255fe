package dev.kindling.connection;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import org.dom4j.Element;
import org.xmpp.packet.Packet;

/**
 * A connection's outbound stanzas waiting for the writer: single stanzas and runs of copies of one template
 * ({@link Copies}), bounded in stanzas, not in entries, so a fan-out counts for every copy it sends. It outlives
 * the TCP sessions of its connection: what waits here goes out on the next one.
 *
 * <p>Lock-free: any thread offers, the thread holding the session's write lock polls. Whoever waits for room
 * ({@link #whenRoom()}) is told, off the polling thread, once the queue is at most half full.
 */
final class SendQueue {
  /** Copies of a fan-out queued as one entry at most. */
  private static final int COPIES_PER_ENTRY = 256;

  /**
   * Copies {@code from} (inclusive) to {@code to} (exclusive) of a fan-out: the template with each of those
   * recipients as its {@code to}.
   */
  record Copies(FanOut fanOut, int from, int to) {
    int size() {
      return to - from;
    }

    List<String> recipients() {
      return fanOut.recipients.subList(from, to);
    }

    Element template() {
      return fanOut.template;
    }
  }

  /** One template for many recipients, fed into the queue as it has room. */
  private final class FanOut {
    final Element template;
    final List<String> recipients;
    final Runnable afterQueued;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    int next;

    FanOut(Element template, List<String> recipients, Runnable afterQueued) {
      this.template = template;
      this.recipients = recipients;
      this.afterQueued = afterQueued;
    }

    /** Queues what fits; waits for room for the rest. Runs on one thread at a time (the caller, then a waiter). */
    void pump() {
      while (next < recipients.size()) {
        int taken = reserve(Math.min(COPIES_PER_ENTRY, recipients.size() - next));
        if (taken == 0) {
          whenRoom().whenComplete((room, failure) -> {
            if (failure != null) {
              done.completeExceptionally(failure);
            } else {
              pump();
            }
          });
          return;
        }
        entries.add(new Copies(this, next, next + taken));
        next += taken;
        afterQueued.run();
      }
      done.complete(null);
    }
  }

  private final Queue<Object> entries = new ConcurrentLinkedQueue<>();
  private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger stanzas = new AtomicInteger();
  private final int capacity;
  private volatile IOException closed;

  SendQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Queues one stanza, if there is room and the queue is open. */
  boolean offer(Packet packet) {
    if (closed != null || reserve(1) == 0) {
      return false;
    }
    entries.add(packet);
    return true;
  }

  /**
   * Queues a copy of {@code template} for each recipient, as room allows; {@code afterQueued} runs after each
   * entry is queued (to wake the writer).
   *
   * @param template an element the queue owns from now on, whose {@code to} the writer replaces
   */
  CompletableFuture<Void> offerCopies(Element template, List<String> recipients, Runnable afterQueued) {
    FanOut fanOut = new FanOut(template, List.copyOf(recipients), afterQueued);
    fanOut.pump();
    return fanOut.done;
  }

  /** The next entry, a {@link Packet} or {@link Copies}, or {@code null}. */
  Object poll() {
    Object entry = entries.poll();
    if (entry != null) {
      int left = stanzas.addAndGet(-(entry instanceof Copies copies ? copies.size() : 1));
      if (!waiting.isEmpty() && left <= capacity / 2) {
        ForkJoinPool.commonPool().execute(this::tellWaiting);
      }
    }
    return entry;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Stanzas waiting. */
  int size() {
    return Math.max(0, stanzas.get());
  }

  int capacity() {
    return capacity;
  }

  /** Completes once at most half the capacity is taken; fails if the queue closes first. */
  CompletableFuture<Void> whenRoom() {
    CompletableFuture<Void> room = new CompletableFuture<>();
    waiting.add(room);
    if (closed != null || stanzas.get() <= capacity / 2) {
      tellWaiting();
    }
    return room;
  }

  /** Refuses everything from now on and fails whoever waits for room. */
  void close(String why) {
    closed = new IOException(why);
    tellWaiting();
  }

  private void tellWaiting() {
    CompletableFuture<Void> next;
    while ((next = waiting.poll()) != null) {
      IOException failure = closed;
      if (failure != null) {
        next.completeExceptionally(failure);
      } else {
        next.complete(null);
      }
    }
  }

  /** Takes room for up to {@code wanted} stanzas; returns how many it took, 0 when full or closed. */
  private int reserve(int wanted) {
    while (true) {
      int taken = stanzas.get();
      int room = capacity - taken;
      if (room <= 0 || closed != null) {
        return 0;
      }
      int granted = Math.min(wanted, room);
      if (stanzas.compareAndSet(taken, taken + granted)) {
        return granted;
      }
    }
  }
}
