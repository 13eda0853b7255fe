package dev.kindling.bench.pubsub;

import dev.kindling.bench.pubsub.Requests.Request;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Sends IQs over a {@link ServiceStream} with a bounded number outstanding (a window, refilled as answers come),
 * counting answers and errors and recording each one's latency from the moment it was written. Writes are
 * batched: the buffer is flushed when the window is full, so at saturation one system call carries many IQs.
 */
final class Pipeline {
  /**
   * What a run of requests got.
   *
   * @param ok result answers
   * @param errors error answers
   * @param seconds how long, from the first write to the last answer (or of the measured interval)
   * @param firstError the first error answer, or {@code null}
   * @param latency write to answer, in nanoseconds
   */
  record Outcome(long ok, long errors, double seconds, String firstError, Histogram latency) {
    /** Result answers per second. */
    double perSecond() {
      return ok / seconds;
    }

    /** The latency at {@code percentile}, in milliseconds. */
    double millis(double percentile) {
      return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1e6;
    }
  }

  private final ServiceStream stream;
  private final Semaphore window;
  private final int size;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();
  private final Recorder latencies = new Recorder(TimeUnit.MINUTES.toNanos(5), 3);
  /** Whether {@link #timed} prints the answers of each second, to see a rate change over a run. */
  private boolean progress;

  Pipeline(ServiceStream stream, int window) {
    this.stream = stream;
    this.size = window;
    this.window = new Semaphore(window);
  }

  /** Prints, during {@link #timed}, how many answers each second brought. */
  Pipeline withProgress(boolean print) {
    this.progress = print;
    return this;
  }

  /**
   * Sends {@code count} requests, the {@code i}th made by {@code request}, and waits for every answer.
   *
   * @throws TimeoutException if they are not all answered within {@code limit}
   */
  Outcome run(long count, LongFunction<Request> request, Duration limit)
      throws IOException, InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + limit.toNanos();
    long start = System.nanoTime();
    latencies.reset();
    for (long i = 0; i < count; i++) {
      acquire(deadline, limit);
      send(request.apply(i));
    }
    stream.flush();
    drain(deadline, limit);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Outcome(ok.getAndSet(0), errors.getAndSet(0), seconds, firstError.getAndSet(null),
        latencies.getIntervalHistogram());
  }

  /**
   * Sends requests for {@code warmUp}, then measures for {@code measure} while still sending, then waits for
   * the answers in flight.
   *
   * @param marks called as the measured interval starts and as it ends (to read CPU time, say)
   * @return what was answered during the measured interval
   */
  Outcome timed(LongFunction<Request> request, Duration warmUp, Duration measure, Runnable marks)
      throws IOException, InterruptedException, TimeoutException {
    Duration limit = warmUp.plus(measure).plusSeconds(60);
    long deadline = System.nanoTime() + limit.toNanos();
    long start = System.nanoTime();
    long measureFrom = start + warmUp.toNanos();
    long measureTo = measureFrom + measure.toNanos();
    long okBefore = 0;
    long errorsBefore = 0;
    boolean measuring = false;
    Outcome measured = null;
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    long okAtReport = 0;
    for (long i = 0; measured == null; i++) {
      acquire(deadline, limit);
      long now = System.nanoTime();
      if (progress && now >= nextReport) {
        long okNow = ok.get();
        System.out.printf("  %4.0f s: %,d answered in the last second, %d errors so far%n", (now - start) / 1e9,
            okNow - okAtReport, errors.get());
        okAtReport = okNow;
        nextReport += TimeUnit.SECONDS.toNanos(1);
      }
      if (!measuring && now >= measureFrom) {
        measuring = true;
        okBefore = ok.get();
        errorsBefore = errors.get();
        latencies.reset();
        firstError.set(null);
        measureFrom = now;
        marks.run();
      } else if (measuring && now >= measureTo) {
        marks.run();
        measured = new Outcome(ok.get() - okBefore, errors.get() - errorsBefore, (now - measureFrom) / 1e9,
            firstError.get(), latencies.getIntervalHistogram());
        window.release();
        break;
      }
      send(request.apply(i));
    }
    stream.flush();
    drain(deadline, limit);
    ok.set(0);
    errors.set(0);
    return measured;
  }

  private void acquire(long deadline, Duration limit) throws IOException, InterruptedException, TimeoutException {
    if (window.tryAcquire()) {
      return;
    }
    stream.flush();
    long left = deadline - System.nanoTime();
    if (left <= 0 || !window.tryAcquire(left, TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("answers stopped coming within " + limit.toSeconds() + " s ("
          + (size - window.availablePermits()) + " outstanding, " + ok.get() + " answered"
          + (stream.failure() == null ? "" : "; " + stream.failure()) + ")");
    }
  }

  private void send(Request request) throws IOException {
    long sent = System.nanoTime();
    stream.request(request.user(), request.type(), request.child()).whenComplete((answer, failure) -> {
      if (answer != null) {
        latencies.recordValue(Math.min(answer.receivedNanos() - sent, TimeUnit.MINUTES.toNanos(5)));
        if (answer.error()) {
          errors.incrementAndGet();
          firstError.compareAndSet(null, answer.errorText());
        } else {
          ok.incrementAndGet();
        }
      }
      window.release();
    });
  }

  private void drain(long deadline, Duration limit) throws InterruptedException, TimeoutException {
    long left = deadline - System.nanoTime();
    if (left <= 0 || !window.tryAcquire(size, left, TimeUnit.NANOSECONDS)) {
      throw new TimeoutException("not every request was answered within " + limit.toSeconds() + " s ("
          + (size - window.availablePermits()) + " outstanding"
          + (stream.failure() == null ? "" : "; " + stream.failure()) + ")");
    }
    window.release(size);
  }
}
