package dev.kindling.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before each reconnection attempt: exponential growth from {@code initial} to {@code max},
 * shortened by a random fraction of up to {@code jitter} so that many components cut off by one server
 * restart do not all return in the same instant.
 *
 * @param initial the wait before the first attempt
 * @param max the longest wait
 * @param jitter the largest fraction taken off a wait at random, from 0 (none) to 1
 */
public record Backoff(Duration initial, Duration max, double jitter) {
  /** 1 s doubling up to 60 s, with up to half of each wait taken off at random. */
  public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5);

  /** Checks the bounds. */
  public Backoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero()) {
      throw new IllegalArgumentException("initial back-off must be positive: " + initial);
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException("max back-off " + max + " is shorter than the initial " + initial);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter out of range: " + jitter + " (expected 0..1)");
    }
  }

  /**
   * The wait before attempt number {@code attempt}, counted from 0.
   *
   * @param random the source of the jitter
   */
  public Duration delay(int attempt, RandomGenerator random) {
    long ceiling = max.toMillis();
    long exponential = initial.toMillis() << Math.min(attempt, 30);
    long wait = exponential <= 0 || exponential > ceiling ? ceiling : exponential;
    return Duration.ofMillis(wait - (long) (wait * jitter * random.nextDouble()));
  }
}
