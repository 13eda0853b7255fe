package dev.kindling.stream;

/**
 * Bounds the reader enforces while it parses, so that a hostile or broken peer cannot make it hold more
 * than about one stanza's worth of memory.
 *
 * @param maxStanzaBytes the largest stanza accepted, counted in bytes on the wire; a larger one ends the
 *     stream with {@code policy-violation}
 * @param maxDepth the deepest element nesting accepted inside a stanza (the stanza itself is depth 1)
 */
public record StreamLimits(int maxStanzaBytes, int maxDepth) {
  /** 10 MiB stanzas, 64 levels deep. */
  public static final StreamLimits DEFAULT = new StreamLimits(10 * 1024 * 1024, 64);

  /** Checks both bounds are positive. */
  public StreamLimits {
    if (maxStanzaBytes < 1) {
      throw new IllegalArgumentException("maxStanzaBytes must be positive: " + maxStanzaBytes);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be positive: " + maxDepth);
    }
  }
}
