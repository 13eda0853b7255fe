package dev.kindling.pubsub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change to the database, in the order requested, by one thread that commits them in groups: the writes
 * waiting when it finishes a transaction go into the next one, so that a thousand publishes cost a handful of
 * commits (and fsyncs) while each is still answered only once it is committed. Writes of one {@link Batched}
 * kind queued next to each other run together, so that their statements go as JDBC batches: on PostgreSQL a
 * statement per write costs a round trip each, and the writer spent most of its time waiting for them.
 *
 * <p>Bounded: when {@code capacity} writes wait, {@link #submit} refuses at once, so a flood of publishes meets
 * an error rather than an unbounded queue. A write that fails rolls its group back; the others of the group are
 * then run again one per transaction, so that one bad write fails alone.
 */
public final class WriteQueue implements AutoCloseable {
  /** A change made on a connection inside the queue's transaction. */
  @FunctionalInterface
  public interface Write<T> {
    /** Makes the change; do not commit. */
    T run(Connection connection) throws SQLException;
  }

  /**
   * A kind of write that runs several at once: the inputs of the writes of this kind queued next to each other,
   * in their order, and their results in the same order.
   */
  @FunctionalInterface
  public interface Batched<I, T> {
    /** Makes the changes; do not commit. */
    List<T> runAll(Connection connection, List<I> inputs) throws SQLException;
  }

  private static final Logger LOG = LoggerFactory.getLogger(WriteQueue.class);
  private static final int MAX_GROUP = 512;

  private record Pending<I, T>(long number, Batched<I, T> kind, I input, CompletableFuture<T> done) {}

  private final PubSubDatabase database;
  private final BlockingQueue<Pending<?, ?>> queue;
  private final Thread writer;
  /**
   * Where the futures of committed writes complete, in commit order: what follows a commit (answers,
   * notifications) takes nodes' monitors, and must not hold up the writer while it does.
   */
  private final ExecutorService answers = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "kindling-pubsub-committed");
    thread.setDaemon(true);
    return thread;
  });
  private volatile boolean closed;
  /** The number of the last write queued, and of the last one done (committed or failed). */
  private long submitted;
  private long finished;

  public WriteQueue(PubSubDatabase database, int capacity) {
    this.database = database;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.writer = new Thread(this::writeUntilClosed, "kindling-pubsub-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /**
   * Queues a write.
   *
   * @return a future completing with its result once committed, failing with its exception if it failed, or at
   *     once with a {@link RejectedExecutionException} if the queue is full or closed
   */
  public <T> CompletableFuture<T> submit(Write<T> write) {
    // a kind of its own, which no other write shares
    return submit((connection, inputs) -> Collections.singletonList(write.run(connection)), null);
  }

  /**
   * Queues a write of a kind that runs together with the writes of the same kind queued next to it.
   *
   * @return as {@link #submit(Write)}
   */
  public <I, T> CompletableFuture<T> submit(Batched<I, T> kind, I input) {
    CompletableFuture<T> done = new CompletableFuture<>();
    boolean queued;
    synchronized (this) {
      queued = !closed && queue.offer(new Pending<>(submitted + 1, kind, input, done));
      if (queued) {
        submitted++;
      }
    }
    if (!queued) {
      done.completeExceptionally(new RejectedExecutionException(closed ? "the PubSub store is closed"
          : "the PubSub store has " + queue.size() + " writes waiting"));
    }
    return done;
  }

  /**
   * Waits until every write queued before this call is done, so that a read sees them: a client that publishes
   * and at once retracts or reads, without waiting for the publish's answer, finds its item. Returns at once
   * when nothing waits.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public synchronized void awaitQueuedWrites() throws InterruptedException {
    long mark = submitted;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (finished < mark && !closed) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }

  private synchronized void markFinished(long number) {
    finished = Math.max(finished, number);
    notifyAll();
  }

  private void writeUntilClosed() {
    List<Pending<?, ?>> group = new ArrayList<>();
    while (!closed || !queue.isEmpty()) {
      try {
        Pending<?, ?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        queue.drainTo(group, MAX_GROUP - 1);
        commit(group);
        markFinished(group.get(group.size() - 1).number());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Pending<?, ?>> group) {
    List<Runnable> completions;
    try {
      completions = runInTransaction(group);
    } catch (SQLException | RuntimeException groupFailure) {
      if (group.size() == 1) {
        Pending<?, ?> only = group.get(0);
        complete(List.of(() -> only.done().completeExceptionally(groupFailure)));
        return;
      }
      completions = new ArrayList<>(group.size());
      for (Pending<?, ?> alone : group) {
        try {
          completions.addAll(runInTransaction(List.of(alone)));
        } catch (SQLException | RuntimeException failure) {
          LOG.debug("A PubSub database write failed: {}", failure.toString());
          completions.add(() -> alone.done().completeExceptionally(failure));
        }
      }
    }
    complete(completions);
  }

  /** Runs the writes in one transaction and commits; the completions of their futures, to run afterwards. */
  private List<Runnable> runInTransaction(List<Pending<?, ?>> writes) throws SQLException {
    List<Runnable> completions = new ArrayList<>(writes.size());
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try {
        for (int start = 0; start < writes.size(); ) {
          int end = start + 1;
          while (end < writes.size() && writes.get(end).kind() == writes.get(start).kind()) {
            end++;
          }
          runTogether(connection, writes.subList(start, end), completions);
          start = end;
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
    return completions;
  }

  /** Runs writes of one kind; adds the completions of their futures. */
  @SuppressWarnings("unchecked")
  private static <I, T> void runTogether(Connection connection, List<Pending<?, ?>> run, List<Runnable> completions)
      throws SQLException {
    List<Pending<I, T>> writes = (List<Pending<I, T>>) (List<?>) run;
    List<I> inputs = new ArrayList<>(writes.size());
    writes.forEach(write -> inputs.add(write.input()));
    List<T> results = writes.get(0).kind().runAll(connection, inputs);
    if (results.size() != writes.size()) {
      throw new IllegalStateException(results.size() + " results for " + writes.size() + " writes");
    }
    for (int i = 0; i < writes.size(); i++) {
      CompletableFuture<T> done = writes.get(i).done();
      T result = results.get(i);
      completions.add(() -> done.complete(result));
    }
  }

  /** Completes futures on the answers thread, or here once it has stopped. */
  private void complete(List<Runnable> completions) {
    for (Runnable completion : completions) {
      try {
        answers.execute(completion);
      } catch (RejectedExecutionException stopped) {
        completion.run();
      }
    }
  }

  /**
   * Commits what waits, then stops the writer; a write still queued after 30 s (a database that stopped
   * answering) fails rather than leaving its request without an answer.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    try {
      writer.join(30_000);
      RejectedExecutionException stopped = new RejectedExecutionException("the PubSub store is closed");
      for (Pending<?, ?> left = queue.poll(); left != null; left = queue.poll()) {
        Pending<?, ?> failed = left;
        complete(List.of(() -> failed.done().completeExceptionally(stopped)));
      }
      answers.shutdown();
      answers.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
