package dev.kindling.mucbot;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Token buckets by key: {@code limit} per window, refilled evenly, so a burst of {@code limit} passes and then one
 * per {@code window / limit}. Remembers the {@value #KEYS} keys used last, so a room full of passing nicks cannot
 * grow it. Thread-safe.
 */
final class RateLimiter {
  static final int KEYS = 10_000;

  private final int limit;
  private final double nanosPerToken;
  private final LongSupplier nanoTime;
  private final Map<String, double[]> buckets = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
      return size() > KEYS;
    }
  };

  RateLimiter(int limit, Duration window, LongSupplier nanoTime) {
    this.limit = limit;
    this.nanosPerToken = (double) window.toNanos() / limit;
    this.nanoTime = nanoTime;
  }

  /** Takes a token of {@code key}: whether it had one left. */
  synchronized boolean allow(String key) {
    long now = nanoTime.getAsLong();
    double[] bucket = buckets.computeIfAbsent(key, k -> new double[] {limit, now});
    bucket[0] = Math.min(limit, bucket[0] + (now - bucket[1]) / nanosPerToken);
    bucket[1] = now;
    if (bucket[0] < 1) {
      return false;
    }
    bucket[0] -= 1;
    return true;
  }
}
