package dev.kindling.relay;

/**
 * A token bucket of bytes: {@code bytesPerSecond} flow in, up to a tenth of a second's worth (at least 4 KiB) is
 * kept, so a throttled transfer moves in small steady steps rather than bursts. Selector thread only.
 */
final class RateLimit {
  private final double perNano;
  private final double burst;
  private double tokens;
  private long last;

  RateLimit(long bytesPerSecond, long now) {
    this.perNano = bytesPerSecond / 1e9;
    this.burst = Math.max(bytesPerSecond / 10.0, 4096);
    this.tokens = burst;
    this.last = now;
  }

  /** The bytes that may be moved now. */
  long available(long now) {
    long elapsed = Math.min(now - last, 1_000_000_000L);
    if (elapsed > 0) {
      tokens = Math.min(burst, tokens + elapsed * perNano);
      last = now;
    }
    return (long) tokens;
  }

  /** Takes {@code bytes} that were moved. */
  void take(long bytes) {
    tokens -= bytes;
  }
}
