package dev.kindling.dispatch;

import dev.kindling.internal.HandlerThread;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks in order for each sender and in parallel across senders, on two bounded thread pools.
 *
 * <p>Each sender with work has a queue of its own, run by one pool thread at a time, so a sender never holds
 * more than one thread and a flooding sender cannot delay the others behind it (as hashing senders onto a
 * fixed set of lanes would). A task marked blocking runs on the blocking pool; the sender's queue moves
 * between pools to keep its order. After {@value #BATCH} tasks a queue yields its thread to other senders.
 *
 * <p>Bounded twice: a sender may have {@link DispatchSettings#perSenderQueue()} tasks waiting or running, all
 * senders together {@link DispatchSettings#totalQueue()}; {@link #submit} refuses beyond that. A sender's
 * queue is removed once empty. Each queue's state is guarded by the queue itself. With
 * {@link DispatchSettings#workers()} {@code 0} there are no pools: tasks run at once on the submitting thread.
 */
public final class PerSenderExecutor {
  private static final Logger log = LoggerFactory.getLogger(PerSenderExecutor.class);
  private static final int BATCH = 64;
  /** How long a pool thread waits for work before it ends. */
  private static final Duration IDLE_THREAD_TIMEOUT = Duration.ofSeconds(60);

  private final DispatchSettings settings;
  private final ThreadPoolExecutor workers;
  private final ThreadPoolExecutor blockingWorkers;
  private final ConcurrentHashMap<String, SenderQueue> queues = new ConcurrentHashMap<>();
  private final AtomicInteger pending = new AtomicInteger();
  private final Object drained = new Object();
  private volatile boolean accepting = true;
  /** Set once draining is over: what is still queued is dropped, not run after the component stopped. */
  private volatile boolean stopped;

  /** Creates the pools, none with {@code workers = 0}; {@code name} goes into the thread names. */
  public PerSenderExecutor(String name, DispatchSettings settings) {
    this(name, settings, IDLE_THREAD_TIMEOUT);
  }

  /** Creates the pools, whose threads end after {@code idle} without work. */
  PerSenderExecutor(String name, DispatchSettings settings, Duration idle) {
    this.settings = settings;
    boolean inline = settings.workers() == 0;
    this.workers = inline ? null : pool("kindling-worker-" + name, settings.workers(), false, idle);
    this.blockingWorkers = inline ? null : pool("kindling-blocking-" + name, settings.blockingWorkers(), true, idle);
  }

  /** A pool whose idle threads end, so a burst of blocking work does not leave them all behind. */
  private static ThreadPoolExecutor pool(String name, int threads, boolean blocking, Duration idle) {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, idle.toMillis(), TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new PoolThread(runnable, name + "-" + count.incrementAndGet(), blocking);
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * Queues {@code task} behind the sender's earlier tasks.
   *
   * @param blocking whether it runs on the blocking pool
   * @return {@code false} if it was refused: the sender or the executor is over its bound, or closing
   */
  public boolean submit(String sender, boolean blocking, Runnable task) {
    if (workers == null) {
      if (!accepting) {
        return false;
      }
      task.run();
      return true;
    }
    // Counted before accepting is read, so that drain(), which clears accepting and then waits for the count,
    // either sees this task or makes it refused.
    if (pending.incrementAndGet() > settings.totalQueue() || !accepting) {
      finished();
      return false;
    }
    while (true) {
      SenderQueue queue = queues.computeIfAbsent(sender, SenderQueue::new);
      int outcome = queue.offer(new Task(task, blocking));
      if (outcome != SenderQueue.RETIRED) {
        if (outcome == SenderQueue.FULL) {
          finished();
          return false;
        }
        return true;
      }
    }
  }

  /**
   * Runs {@code task} at once on this thread if nothing at all is waiting or running, so that no sender's order
   * can be overtaken; at low load this spares a hand-off to a pool thread. The task must not block.
   *
   * @return {@code false}, having done nothing, if the executor is busy, closing, or has no pools
   *     ({@code workers = 0}, where {@link #submit} runs it at once anyway)
   */
  public boolean runIfIdle(String sender, Runnable task) {
    if (workers == null || !pending.compareAndSet(0, 1)) {
      return false;
    }
    if (!accepting) {
      finished();
      return false;
    }
    try {
      runLogged(sender, task);
    } finally {
      finished();
      if (Thread.interrupted()) {
        log.warn("a handler of sender {} left its thread interrupted; cleared, as the reader must go on", sender);
      }
    }
    return true;
  }

  private static void runLogged(String sender, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      log.error("task of sender {} failed", sender, e);
    }
  }

  /**
   * Counts work that outlives its task, such as a handler's future, until the returned callback runs, so that
   * {@link #drain()} waits for it too.
   */
  public Runnable hold() {
    pending.incrementAndGet();
    return this::finished;
  }

  /** Tasks accepted and not yet finished. */
  public int pending() {
    return pending.get();
  }

  /**
   * Stops accepting, waits up to the drain timeout for accepted tasks to finish, then stops the threads; tasks
   * still waiting then are dropped, never run later. Must not be called from one of its own tasks, which would
   * wait for itself (and for the tasks of its sender queued behind it): {@code Kindling.close()} called from a
   * handler stops on a thread of its own for that reason.
   *
   * @return whether every accepted task finished
   */
  public boolean drain() {
    accepting = false;
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    boolean done;
    synchronized (drained) {
      while (pending.get() > 0 && System.nanoTime() < deadline) {
        try {
          drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      done = pending.get() == 0;
    }
    stopped = true;
    if (workers != null) {
      workers.shutdown();
      blockingWorkers.shutdown();
    }
    return done;
  }

  private void finished() {
    if (pending.decrementAndGet() == 0 && !accepting) {
      synchronized (drained) {
        drained.notifyAll();
      }
    }
  }

  private ExecutorService poolFor(Task task) {
    return task.blocking ? blockingWorkers : workers;
  }

  private record Task(Runnable runnable, boolean blocking) {}

  /** A pool thread, which knows which pool it belongs to. */
  private static final class PoolThread extends Thread implements HandlerThread {
    final boolean blocking;

    PoolThread(Runnable runnable, String name, boolean blocking) {
      super(runnable, name);
      this.blocking = blocking;
    }

    @Override
    public boolean mustNotWait() {
      return !blocking;
    }
  }

  /** One sender's tasks; scheduled on a pool while it has any. */
  private final class SenderQueue implements Runnable {
    static final int ACCEPTED = 0;
    static final int FULL = 1;
    static final int RETIRED = 2;

    private final String sender;
    private final ArrayDeque<Task> tasks = new ArrayDeque<>();
    private boolean scheduled;
    private boolean retired;

    SenderQueue(String sender) {
      this.sender = sender;
    }

    synchronized int offer(Task task) {
      if (retired) {
        return RETIRED;
      }
      if (tasks.size() >= settings.perSenderQueue()) {
        return FULL;
      }
      tasks.add(task);
      if (!scheduled) {
        try {
          poolFor(task).execute(this);
        } catch (RejectedExecutionException stopped) {
          tasks.removeLast();
          return FULL;
        }
        scheduled = true;
      }
      return ACCEPTED;
    }

    @Override
    public void run() {
      boolean onBlockingPool = ((PoolThread) Thread.currentThread()).blocking;
      for (int i = 0; i < BATCH; i++) {
        Task task = nextOrRetire();
        if (task == null) {
          return;
        }
        if (stopped) {
          dropAll("after the drain timeout");
          return;
        }
        if (task.blocking != onBlockingPool) {
          reschedule(task);
          return;
        }
        try {
          runLogged(sender, task.runnable);
        } finally {
          synchronized (this) {
            tasks.poll();
          }
          finished();
        }
      }
      Task next = nextOrRetire();
      if (next != null) {
        reschedule(next);
      }
    }

    /** Continues on the pool {@code next} needs; after a drain timed out there is none, and the rest is dropped. */
    private void reschedule(Task next) {
      try {
        poolFor(next).execute(this);
      } catch (RejectedExecutionException shutDown) {
        dropAll("after the drain timeout");
      }
    }

    /** Drops what is queued (each counted as finished, so nothing waits for it), and retires the queue. */
    private void dropAll(String when) {
      int dropped;
      synchronized (this) {
        dropped = tasks.size();
        tasks.clear();
        scheduled = false;
        retired = true;
        queues.remove(sender, this);
      }
      for (int i = 0; i < dropped; i++) {
        finished();
      }
      log.warn("dropped {} stanzas of {} still waiting {}", dropped, sender, when);
    }

    /** The next task, left in the queue; or {@code null} after retiring the empty queue. */
    private synchronized Task nextOrRetire() {
      Task task = tasks.peek();
      if (task == null) {
        scheduled = false;
        retired = true;
        queues.remove(sender, this);
      }
      return task;
    }
  }
}
