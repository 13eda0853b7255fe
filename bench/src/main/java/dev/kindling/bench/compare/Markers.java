package dev.kindling.bench.compare;

/**
 * Finds the sequence markers the load puts in each stanza ({@code Q<digits>Z}, in an IQ's id or a message's
 * body) in whatever bytes the replies arrive as, without parsing XML: the reading side must cost far less than
 * the component it measures. Also counts {@code <error} elements, so that a component refusing under load
 * (an overload error also carries the marker) is not counted as answering. Keeps its state across reads, so a
 * marker split between two reads is found.
 */
final class Markers {
  /** Receives each sequence number found. */
  interface Sink {
    void found(long sequence);
  }

  private static final byte[] ERROR = "<error".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private boolean inMarker;
  private int errorMatched;
  private long errors;
  private long value;
  private int digits;

  /** How many stanza errors ({@code <error}) the scanned bytes held: refusals, not answers. */
  long errors() {
    return errors;
  }

  /** The marker for {@code sequence}. */
  static String of(long sequence) {
    return "Q" + sequence + "Z";
  }

  /** Scans {@code length} bytes, reporting every complete marker. */
  void scan(byte[] buffer, int length, Sink sink) {
    for (int i = 0; i < length; i++) {
      byte b = buffer[i];
      errorMatched = b == ERROR[errorMatched] ? errorMatched + 1 : b == ERROR[0] ? 1 : 0;
      if (errorMatched == ERROR.length) {
        errors++;
        errorMatched = 0;
      }
      if (b == 'Q') {
        inMarker = true;
        value = 0;
        digits = 0;
      } else if (inMarker) {
        if (b >= '0' && b <= '9' && digits < 18) {
          value = value * 10 + (b - '0');
          digits++;
        } else {
          if (b == 'Z' && digits > 0) {
            sink.found(value);
          }
          inMarker = false;
        }
      }
    }
  }
}
