package dev.kindling.bench.compare;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Drives load over pipes and measures what comes back: at saturation (a window of outstanding stanzas per
 * pipe, refilled as answers arrive) for throughput, or at a fixed offered rate for latency, measured from
 * the time each stanza was due (so a slow component cannot hide its delay by slowing the load down).
 *
 * <p>Each pipe has a writer thread and a reader thread; the reader only scans for markers, so that the load
 * costs far less than what it measures (check it against the ceiling component).
 */
final class LoadDriver {
  private static final int RING = 1 << 21;

  private final List<Pipe> pipes;
  private final Workload workload;
  private final long[] dueNanos = new long[RING];
  private final AtomicLong nextSequence = new AtomicLong();
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
  private final List<Thread> readers = new ArrayList<>();
  private final Semaphore[] windows;
  private volatile boolean running = true;

  /**
   * What a phase measured.
   *
   * @param answered replies carrying a stanza's marker, errors included
   * @param errors error replies among them
   */
  record Phase(long sent, long answered, long errors, double seconds, Histogram latency) {
    /** Successful answers (not errors) per second. */
    double perSecond() {
      return (answered - errors) / seconds;
    }
  }

  LoadDriver(List<Pipe> pipes, Workload workload) {
    this.pipes = pipes;
    this.workload = workload;
    this.windows = new Semaphore[pipes.size()];
    for (int i = 0; i < pipes.size(); i++) {
      windows[i] = new Semaphore(0);
      int index = i;
      Thread reader = new Thread(() -> read(index), "load-reader-" + pipes.get(i).name);
      reader.setDaemon(true);
      reader.start();
      readers.add(reader);
    }
  }

  private void read(int index) {
    Pipe pipe = pipes.get(index);
    Markers markers = new Markers();
    byte[] buffer = new byte[64 * 1024];
    Semaphore window = windows[index];
    try {
      int n;
      while (running && (n = pipe.in.read(buffer)) > 0) {
        long now = System.nanoTime();
        long errorsBefore = markers.errors();
        markers.scan(buffer, n, sequence -> {
          long due = dueNanos[(int) (sequence & (RING - 1))];
          if (due != 0) {
            latencies.recordValue(Math.max(0, Math.min(now - due, TimeUnit.SECONDS.toNanos(60))));
          }
          answered.incrementAndGet();
          window.release();
        });
        errors.addAndGet(markers.errors() - errorsBefore);
      }
    } catch (IOException e) {
      if (running) {
        System.err.println("load: " + pipe.name + " stopped reading: " + e.getMessage());
      }
    }
  }

  /** Starts keeping {@code window} stanzas outstanding on each pipe, until {@link #stopLoad()}. */
  void startSaturation(int window) {
    for (Semaphore permits : windows) {
      permits.drainPermits();
      permits.release(window);
    }
    writers = start(this::saturateWriter);
  }

  /** Starts offering {@code rate} stanzas a second in all, evenly over the pipes, until {@link #stopLoad()}. */
  void startFixedRate(double rate) {
    for (Semaphore permits : windows) {
      permits.drainPermits();
      permits.release(Integer.MAX_VALUE / 4);
    }
    double perPipe = rate / pipes.size();
    writers = start(index -> rateWriter(index, perPipe));
  }

  /** Stops the writers and lets the answers in flight arrive. */
  void stopLoad() throws InterruptedException {
    writing = false;
    for (Thread writer : writers) {
      writer.join(5_000);
    }
    Thread.sleep(200);
  }

  /** Measures the running load for {@code duration}. */
  Phase measure(Duration duration) throws InterruptedException {
    latencies.reset();
    long sentBefore = nextSequence.get();
    long answeredBefore = answered.get();
    long errorsBefore = errors.get();
    long start = System.nanoTime();
    Thread.sleep(duration.toMillis());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Phase(nextSequence.get() - sentBefore, answered.get() - answeredBefore, errors.get() - errorsBefore,
        seconds, latencies.getIntervalHistogram());
  }

  private interface Writer {
    void run(int index) throws IOException, InterruptedException;
  }

  private List<Thread> start(Writer writer) {
    running = true;
    writing = true;
    List<Thread> writers = new ArrayList<>();
    for (int i = 0; i < pipes.size(); i++) {
      int index = i;
      Thread thread = new Thread(() -> {
        try {
          writer.run(index);
        } catch (IOException e) {
          System.err.println("load: " + pipes.get(index).name + " stopped writing: " + e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "load-writer-" + pipes.get(i).name);
      thread.setDaemon(true);
      thread.start();
      writers.add(thread);
    }
    return writers;
  }

  private volatile boolean writing;
  private List<Thread> writers = List.of();

  private void saturateWriter(int index) throws IOException, InterruptedException {
    Pipe pipe = pipes.get(index);
    Semaphore window = windows[index];
    while (writing) {
      if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
        continue;
      }
      int batch = 1 + window.drainPermits();
      for (int i = 0; i < batch; i++) {
        send(pipe, System.nanoTime());
      }
      pipe.out.flush();
    }
  }

  private void rateWriter(int index, double perSecond) throws IOException {
    Pipe pipe = pipes.get(index);
    long interval = (long) (1e9 / perSecond);
    long due = System.nanoTime();
    while (writing) {
      long now = System.nanoTime();
      if (now < due) {
        pipe.out.flush();
        LockSupport.parkNanos(due - now);
        continue;
      }
      while (due <= now && writing) {
        send(pipe, due);
        due += interval;
      }
      pipe.out.flush();
    }
  }

  private void send(Pipe pipe, long due) throws IOException {
    long sequence = nextSequence.getAndIncrement();
    dueNanos[(int) (sequence & (RING - 1))] = due;
    pipe.out.write(workload.stanza(sequence, pipe.writesFrom ? workload.sender(sequence) : null));
  }

  /** Stops reading. */
  void close() {
    running = false;
    writing = false;
  }
}
