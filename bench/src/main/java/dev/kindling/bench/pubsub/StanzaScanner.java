package dev.kindling.bench.pubsub;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Finds, in the bytes the component sends however they are split into reads, the start of each {@code <message}
 * (only counted: at 200 000 notifications a second the server side must cost far less than the component) and
 * each whole {@code <iq>} stanza (handed on, for its id and type). No XML parser: it relies on what the
 * benchmark controls, that no payload holds an element named {@code iq} or {@code message}, and on XML's rule
 * that {@code <} never appears unescaped in text or attribute values.
 *
 * <p>Not thread-safe: one reader thread owns it.
 */
final class StanzaScanner {
  /** Receives each complete IQ stanza. */
  interface Sink {
    /** {@code xml[0..length)} is one IQ, from {@code <iq} to its end; valid only during the call. */
    void iq(byte[] xml, int length, boolean truncated);
  }

  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] IQ = "iq".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STREAM_ERROR = "stream:error".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] IQ_END = "</iq>".getBytes(StandardCharsets.US_ASCII);
  /** The most of one IQ kept; a longer one (a big items answer) is cut, which only its body suffers. */
  private static final int MAX_IQ = 256 * 1024;

  private enum State { TEXT, NAME, IQ }

  private State state = State.TEXT;
  private final byte[] name = new byte[16];
  private int nameLength;
  private byte[] iq = new byte[4096];
  private int iqLength;
  private boolean truncated;
  private boolean inFirstTag;
  private int endMatched;
  private byte previous;
  private long messages;
  private boolean streamError;

  /** How many {@code <message} starts were seen so far. */
  long messages() {
    return messages;
  }

  /** Whether a {@code <stream:error} was seen: the component ended the stream. */
  boolean sawStreamError() {
    return streamError;
  }

  /** Scans {@code length} bytes of {@code buffer}, calling {@code sink} for every IQ completed in them. */
  void scan(byte[] buffer, int length, Sink sink) {
    for (int i = 0; i < length; i++) {
      byte b = buffer[i];
      switch (state) {
        case TEXT -> {
          if (b == '<') {
            state = State.NAME;
            nameLength = 0;
          }
        }
        case NAME -> name(b);
        case IQ -> iqByte(b, sink);
        default -> throw new IllegalStateException(state.name());
      }
    }
  }

  private void name(byte b) {
    boolean ends = b == ' ' || b == '>' || b == '/' || b == '\t' || b == '\n' || b == '\r';
    if (!ends) {
      if (nameLength < name.length) {
        name[nameLength++] = b;
      } else {
        state = State.TEXT;
      }
      return;
    }
    state = State.TEXT;
    if (is(MESSAGE)) {
      messages++;
    } else if (is(IQ)) {
      state = State.IQ;
      iqLength = 0;
      truncated = false;
      endMatched = 0;
      append((byte) '<');
      append((byte) 'i');
      append((byte) 'q');
      append(b);
      inFirstTag = b != '>';
      previous = b;
    } else if (is(STREAM_ERROR)) {
      streamError = true;
    }
  }

  private boolean is(byte[] expected) {
    return nameLength == expected.length && Arrays.equals(name, 0, nameLength, expected, 0, expected.length);
  }

  private void iqByte(byte b, Sink sink) {
    append(b);
    if (inFirstTag) {
      if (b == '>') {
        if (previous == '/') {
          complete(sink);
          return;
        }
        inFirstTag = false;
      }
      previous = b;
      return;
    }
    endMatched = b == IQ_END[endMatched] ? endMatched + 1 : b == IQ_END[0] ? 1 : 0;
    if (endMatched == IQ_END.length) {
      complete(sink);
    }
  }

  private void complete(StanzaScanner.Sink sink) {
    state = State.TEXT;
    sink.iq(iq, iqLength, truncated);
  }

  private void append(byte b) {
    if (iqLength == iq.length) {
      if (iq.length >= MAX_IQ) {
        truncated = true;
        return;
      }
      iq = Arrays.copyOf(iq, Math.min(MAX_IQ, iq.length * 2));
    }
    iq[iqLength++] = b;
  }
}
