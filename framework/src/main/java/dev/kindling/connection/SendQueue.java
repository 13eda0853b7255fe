package dev.kindling.connection;

import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.dom4j.Element;
import org.xmpp.packet.Packet;

/**
 * A connection's outbound stanzas waiting for the writer: single stanzas and runs of copies of one template
 * ({@link Copies}), bounded in stanzas, not in entries, so a fan-out counts for every copy it sends. It outlives
 * the TCP sessions of its connection: what waits here goes out on the next one.
 *
 * <p>Fan-outs are fed in as the queue has room, one after the other in the order they were offered, and only up
 * to three quarters of the capacity, so that a large one never takes the room single stanzas (a handler's
 * answers) need. A fan-out waiting for room is fed again, off the polling thread, once the queue is at most half
 * full; so are those waiting in {@link #whenRoom()}. A single stanza does not wait: it may overtake copies of a
 * fan-out that are still waiting for room.
 *
 * <p>Any thread offers; the thread holding the session's write lock polls. The counters are atomic; feeding the
 * fan-outs is guarded by {@link #fanOuts}.
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

  /** One template for many recipients, and how far it has been fed into the queue. */
  static final class FanOut {
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
  }

  private final Queue<Object> entries = new ConcurrentLinkedQueue<>();
  private final Queue<FanOut> fanOuts = new ConcurrentLinkedQueue<>();
  private final Queue<CompletableFuture<Void>> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicInteger stanzas = new AtomicInteger();
  private final AtomicBoolean feedScheduled = new AtomicBoolean();
  private final int capacity;
  private final int fanOutLimit;
  private final int resumeAt;
  private volatile IOException closed;

  SendQueue(int capacity) {
    this.capacity = capacity;
    this.fanOutLimit = Math.max(1, capacity * 3 / 4);
    this.resumeAt = capacity / 2;
  }

  /** Queues one stanza, if there is room and the queue is open. */
  boolean offer(Packet packet) {
    if (closed != null || reserve(1, capacity) == 0) {
      return false;
    }
    entries.add(packet);
    return true;
  }

  /**
   * Queues a copy of {@code template} for each recipient, after the fan-outs offered before, as room allows;
   * {@code afterQueued} runs after each entry is queued (to wake the writer).
   *
   * @param template an element the queue owns from now on, whose {@code to} the writer replaces
   * @return completes when every copy is queued; fails if the queue closes first
   */
  CompletableFuture<Void> offerCopies(Element template, List<String> recipients, Runnable afterQueued) {
    FanOut fanOut = new FanOut(template, List.copyOf(recipients), afterQueued);
    if (closed != null) {
      fanOut.done.completeExceptionally(closed);
      return fanOut.done;
    }
    fanOuts.add(fanOut);
    feed();
    return fanOut.done;
  }

  /** Feeds the waiting fan-outs, oldest first, up to the fan-out limit. */
  private void feed() {
    synchronized (fanOuts) {
      FanOut head;
      while ((head = fanOuts.peek()) != null) {
        IOException failure = closed;
        if (failure != null) {
          fanOuts.poll();
          head.done.completeExceptionally(failure);
          continue;
        }
        while (head.next < head.recipients.size()) {
          int taken = reserve(Math.min(COPIES_PER_ENTRY, head.recipients.size() - head.next), fanOutLimit);
          if (taken == 0) {
            return; // poll() feeds again once the queue is at most half full
          }
          entries.add(new Copies(head, head.next, head.next + taken));
          head.next += taken;
          head.afterQueued.run();
        }
        fanOuts.poll();
        head.done.complete(null);
      }
    }
  }

  /** The next entry, a {@link Packet} or {@link Copies}, or {@code null}. */
  Object poll() {
    Object entry = entries.poll();
    if (entry != null) {
      int left = stanzas.addAndGet(-(entry instanceof Copies copies ? copies.size() : 1));
      if (left <= resumeAt) {
        if (!fanOuts.isEmpty() && feedScheduled.compareAndSet(false, true)) {
          ForkJoinPool.commonPool().execute(() -> {
            feedScheduled.set(false);
            feed();
          });
        }
        if (!waiting.isEmpty()) {
          ForkJoinPool.commonPool().execute(this::tellWaiting);
        }
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

  /**
   * Completes once at most half the capacity is taken (at once if it is now); fails if the queue closes first.
   * Completed off the polling thread.
   */
  CompletableFuture<Void> whenRoom() {
    if (closed != null) {
      return CompletableFuture.failedFuture(closed);
    }
    if (stanzas.get() <= resumeAt) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> room = new CompletableFuture<>();
    waiting.add(room);
    if (closed != null || stanzas.get() <= resumeAt) {
      ForkJoinPool.commonPool().execute(this::tellWaiting);
    }
    return room;
  }

  /** Refuses everything from now on and fails whoever waits for room, and the fan-outs not fully queued. */
  void close(String why) {
    closed = new IOException(why);
    tellWaiting();
    feed();
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

  /** Takes room for up to {@code wanted} stanzas below {@code limit}; returns how many it took, 0 when none. */
  private int reserve(int wanted, int limit) {
    while (true) {
      int taken = stanzas.get();
      int room = limit - taken;
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
