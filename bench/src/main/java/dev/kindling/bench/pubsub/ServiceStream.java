package dev.kindling.bench.pubsub;

import dev.kindling.bench.compare.Pipe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's end of the PubSub component's XEP-0114 stream, past the handshake: it plays the server, sending
 * the component IQs from users of {@value #SERVER} (the component trusts the server's {@code from}), and reads
 * what the component sends back: IQ answers, matched to their request by id, and notifications, only counted.
 *
 * <p>{@link #request} may be called from several threads; one reader thread of its own does the reading. IQs the
 * component sends the server (its keepalive ping) are answered with an empty result.
 */
final class ServiceStream implements AutoCloseable {
  /** The server's domain: every user is {@code name@bench.localhost}. */
  static final String SERVER = "bench.localhost";
  /** The component's domain: users of {@link #SERVER} may create nodes by default ({@code pubsub.creators=local}). */
  static final String COMPONENT = "pubsub." + SERVER;
  /** The component secret. */
  static final String SECRET = "bench-secret";

  /**
   * An IQ answer.
   *
   * @param error whether it is of type error
   * @param xml the whole stanza (cut at 256 KiB)
   * @param receivedNanos {@link System#nanoTime()} when its last byte was read
   */
  record Answer(boolean error, String xml, long receivedNanos) {
    /** The first {@code <error>} child's condition and text, for a failure message. */
    String errorText() {
      int at = xml.indexOf("<error");
      return at < 0 ? xml : xml.substring(at, Math.min(xml.length(), at + 400));
    }
  }

  private final Pipe pipe;
  private final OutputStream out;
  private final Map<Long, CompletableFuture<Answer>> waiting = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final Thread reader;
  private volatile long messages;
  private volatile long bytesRead;
  private volatile long lastMessageNanos;
  private volatile Thread messageWaiter;
  private volatile long messageTarget = Long.MAX_VALUE;
  private volatile String failure;
  private volatile boolean closing;

  ServiceStream(Pipe pipe) {
    this.pipe = pipe;
    this.out = pipe.out();
    this.reader = new Thread(this::read, "pubsub-bench-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Writes an IQ of {@code type} from {@code user@bench.localhost/bench} to the component, holding {@code child};
   * buffered until {@link #flush()}.
   *
   * @return its answer, when it comes
   */
  CompletableFuture<Answer> request(String user, String type, String child) throws IOException {
    long id = ids.incrementAndGet();
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    waiting.put(id, answer);
    String xml = "<iq type='" + type + "' id='" + id + "' from='" + user + "@" + SERVER + "/bench' to='" + COMPONENT
        + "'>" + child + "</iq>";
    write(xml.getBytes(StandardCharsets.UTF_8));
    return answer;
  }

  /** Sends what {@link #request} buffered. */
  synchronized void flush() throws IOException {
    out.flush();
  }

  private synchronized void write(byte[] bytes) throws IOException {
    if (failure != null) {
      throw new IOException(failure);
    }
    out.write(bytes);
  }

  /** Notifications ({@code <message>} stanzas) received so far. */
  long messages() {
    return messages;
  }

  /** Bytes read from the component so far. */
  long bytesRead() {
    return bytesRead;
  }

  /** {@link System#nanoTime()} when the read holding the latest notification returned. */
  long lastMessageNanos() {
    return lastMessageNanos;
  }

  /**
   * Waits until {@code count} notifications in all have arrived, parking (the reader wakes this thread), so that
   * waiting costs no CPU the component could use.
   *
   * @throws TimeoutException naming how many came if they did not within {@code limit}
   */
  void awaitMessages(long count, Duration limit) throws TimeoutException, IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    messageWaiter = Thread.currentThread();
    messageTarget = count;
    try {
      while (messages < count) {
        if (failure != null) {
          throw new IOException(failure);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(messages + " of " + count + " notifications within " + limit.toMillis() + " ms");
        }
        LockSupport.parkNanos(Math.min(left, 10_000_000L));
      }
    } finally {
      messageTarget = Long.MAX_VALUE;
      messageWaiter = null;
    }
  }

  /** Why the stream stopped, or {@code null} while it runs. */
  String failure() {
    return failure;
  }

  private void read() {
    StanzaScanner scanner = new StanzaScanner();
    byte[] buffer = new byte[256 * 1024];
    try {
      int n;
      while ((n = pipe.in().read(buffer)) > 0) {
        bytesRead += n;
        long before = scanner.messages();
        scanner.scan(buffer, n, this::answered);
        long after = scanner.messages();
        if (after != before) {
          lastMessageNanos = System.nanoTime();
          messages = after;
          Thread waiter = messageWaiter;
          if (waiter != null && after >= messageTarget) {
            LockSupport.unpark(waiter);
          }
        }
        if (scanner.sawStreamError()) {
          fail("the component sent a stream error");
          return;
        }
      }
      fail("the component closed the stream");
    } catch (IOException e) {
      fail("reading from the component failed: " + e.getMessage());
    }
  }

  private void fail(String why) {
    if (failure == null) {
      failure = closing ? "closed" : why;
    }
    IOException stopped = new IOException(failure);
    waiting.values().forEach(answer -> answer.completeExceptionally(stopped));
    waiting.clear();
    Thread waiter = messageWaiter;
    if (waiter != null) {
      LockSupport.unpark(waiter);
    }
  }

  private void answered(byte[] xml, int length, boolean truncated) {
    long now = System.nanoTime();
    int tagEnd = 0;
    while (tagEnd < length && xml[tagEnd] != '>') {
      tagEnd++;
    }
    String tag = new String(xml, 0, tagEnd, StandardCharsets.UTF_8);
    String type = attribute(tag, "type");
    String id = attribute(tag, "id");
    if ("get".equals(type) || "set".equals(type)) {
      answerComponent(id, attribute(tag, "from"));
      return;
    }
    Long key = parseId(id);
    CompletableFuture<Answer> answer = key == null ? null : waiting.remove(key);
    if (answer != null) {
      answer.complete(new Answer("error".equals(type), new String(xml, 0, length, StandardCharsets.UTF_8)
          + (truncated ? "…" : ""), now));
    }
  }

  /** The component's own requests to the server (a keepalive ping): an empty result. */
  private void answerComponent(String id, String from) {
    String xml = "<iq type='result' id='" + id + "' from='" + SERVER + "' to='" + (from == null ? COMPONENT : from)
        + "'/>";
    try {
      write(xml.getBytes(StandardCharsets.UTF_8));
      flush();
    } catch (IOException e) {
      fail("answering the component failed: " + e.getMessage());
    }
  }

  private static Long parseId(String id) {
    if (id == null || id.isEmpty() || id.length() > 18) {
      return null;
    }
    long value = 0;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** The value of attribute {@code name} in a start tag, in either quotes; {@code null} if absent. */
  static String attribute(String tag, String name) {
    int from = 0;
    while (true) {
      int at = tag.indexOf(name + "=", from);
      if (at < 0) {
        return null;
      }
      int valueAt = at + name.length() + 1;
      boolean starts = at > 0 && Character.isWhitespace(tag.charAt(at - 1));
      if (starts && valueAt < tag.length() && (tag.charAt(valueAt) == '"' || tag.charAt(valueAt) == '\'')) {
        char quote = tag.charAt(valueAt);
        int end = tag.indexOf(quote, valueAt + 1);
        return end < 0 ? null : tag.substring(valueAt + 1, end);
      }
      from = at + 1;
    }
  }

  @Override
  public void close() throws IOException {
    closing = true;
    pipe.close();
    try {
      reader.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
