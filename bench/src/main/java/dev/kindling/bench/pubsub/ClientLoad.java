package dev.kindling.bench.pubsub;

import dev.kindling.bench.compare.Handshakes;
import dev.kindling.bench.compare.Pipe;
import dev.kindling.testkit.XmppServer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The client side of the PubSub benchmark through a server: one publisher and {@code C} subscribers, each a
 * client logged in to the server over plain TCP with SASL PLAIN ({@link Handshakes#login}), no Smack. All of
 * them are read by one selector thread, which finds in the bytes only what it counts: the end of each IQ
 * ({@link StanzaScanner}) and the sequence marker {@code #<n>#} each published item's payload carries, in every
 * notification. One writer thread publishes, either keeping a window of publishes open (saturation) or on a
 * schedule (fixed rate, latency counted from when each publish was due, so that a slow service cannot hide its
 * delay by slowing the load down).
 *
 * <p>Subscription {@code k} of a node of {@code N} is held by subscriber {@code k mod C} for the JID
 * {@code sub<i>@localhost/c} (its own connection) when {@code k < C}, else for {@code sub<i>@localhost/s<k/C>}, a
 * resource of the same user that is not connected: with the node's notification type {@code normal}, the server
 * delivers a message to an unavailable resource to the user's available one (RFC 6121 §8.5.3.2.1), so that every
 * one of the {@code N} notifications crosses the server and a real client connection. With {@code N ≤ C} each
 * subscription is a connected client's.
 *
 * <p>Counters are written by the reader thread and read by the others; a case's counters are reset between
 * cases, when no load runs ({@link #beginCase}).
 */
final class ClientLoad implements AutoCloseable {
  static final String PUBSUB = "http://jabber.org/protocol/pubsub";
  /** The resource every client binds. */
  static final String RESOURCE = "c";
  private static final int RING = 1 << 20;
  private static final Duration WRITE_LIMIT = Duration.ofSeconds(30);
  /** How long the saturating writer waits for progress before it opens one more publish (and counts a stall). */
  private static final long STALL_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final XmppServer server;
  private final Connection publisher;
  private final List<Connection> subscribers = new ArrayList<>();
  private final Selector selector;
  private final Thread reader;
  private final long[] dueNanos = new long[RING];
  private final Recorder latencies = new Recorder(TimeUnit.SECONDS.toNanos(120), 3);
  private final Recorder ackLatencies = new Recorder(TimeUnit.SECONDS.toNanos(120), 3);
  private final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong(1);
  private final AtomicLong setupIds = new AtomicLong();
  private final AtomicLong caseSent = new AtomicLong();
  private final AtomicLong caseAcked = new AtomicLong();
  private final AtomicLong caseAckErrors = new AtomicLong();
  private final AtomicLong caseNotifications = new AtomicLong();
  /** Bytes the subscribers received: divided by the notifications, the size of one as the server sends it. */
  private final AtomicLong subscriberBytes = new AtomicLong();
  private volatile String sample;
  private final AtomicLong shed = new AtomicLong();
  private final AtomicLong stalls = new AtomicLong();
  private volatile long lastProgress = System.nanoTime();
  private volatile String firstError;
  private volatile String connectionLost;
  private volatile int subscriptionsPerPublish = 1;
  private volatile boolean running = true;
  private volatile boolean writing;
  private Thread writer;

  /**
   * What one measured interval saw.
   *
   * @param acked publish results (errors included), {@code ackErrors} of them errors
   * @param notifications notifications (item markers) received by all subscribers
   * @param latency publish (sent or due) to each notification received
   * @param ackLatency publish (sent or due) to its result
   * @param shed fixed-rate publishes not sent because too many were still open
   * @param bytes what the subscribers received, in bytes
   */
  record Phase(long sent, long acked, long ackErrors, long notifications, double seconds, Histogram latency,
      Histogram ackLatency, long shed, long stalls, long bytes) {
    /** Bytes received per notification: its size as the server sends it. */
    double bytesPerNotification() {
      return notifications == 0 ? 0 : bytes / (double) notifications;
    }

    double publishesPerSecond() {
      return (acked - ackErrors) / seconds;
    }

    double notificationsPerSecond() {
      return notifications / seconds;
    }
  }

  /** One client connection. */
  private final class Connection {
    final String user;
    final SocketChannel channel;
    final Pipe pipe;
    final boolean subscriber;
    final StanzaScanner scanner = new StanzaScanner();
    boolean inMarker;
    long markerValue;
    int markerDigits;

    Connection(String user, boolean subscriber) throws IOException {
      this.user = user;
      this.subscriber = subscriber;
      this.channel = SocketChannel.open();
      try {
        this.pipe = Handshakes.login(channel.socket(), server.host(), server.clientPort(), server.domain(), user,
            server.user(user).password(), RESOURCE);
        if (subscriber) {
          // Available, priority 0: the server delivers messages to the user's unavailable resources to this one.
          pipe.out().write("<presence/>".getBytes(StandardCharsets.UTF_8));
        }
        pipe.out().flush();
        channel.configureBlocking(false);
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    String jid(String resource) {
      return user + "@" + server.domain() + "/" + resource;
    }

    /** Writes all of {@code bytes}; the channel is non-blocking, so this waits for room a little at a time. */
    synchronized void write(byte[] bytes) throws IOException {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      long deadline = System.nanoTime() + WRITE_LIMIT.toNanos();
      while (buffer.hasRemaining()) {
        if (channel.write(buffer) == 0) {
          if (System.nanoTime() > deadline) {
            throw new IOException(user + ": the server took nothing for " + WRITE_LIMIT.toSeconds() + " s");
          }
          LockSupport.parkNanos(50_000);
        }
      }
    }

    void scan(byte[] bytes, int length, long now) {
      scanner.scan(bytes, length, (xml, xmlLength, truncated) -> iq(new String(xml, 0, xmlLength,
          StandardCharsets.UTF_8), now));
      if (scanner.sawStreamError() && connectionLost == null) {
        connectionLost = user + " got a stream error";
      }
      if (!subscriber) {
        return;
      }
      for (int i = 0; i < length; i++) {
        byte b = bytes[i];
        if (b == '#') {
          if (inMarker && markerDigits > 0) {
            notification(markerValue, now);
            inMarker = false;
          } else {
            inMarker = true;
            markerValue = 0;
            markerDigits = 0;
          }
        } else if (inMarker) {
          if (b >= '0' && b <= '9' && markerDigits < 18) {
            markerValue = markerValue * 10 + (b - '0');
            markerDigits++;
          } else {
            inMarker = false;
          }
        }
      }
    }
  }

  private ClientLoad(XmppServer server, String publisherUser, List<String> subscriberUsers) throws IOException {
    this.server = server;
    this.selector = Selector.open();
    List<Connection> opened = new ArrayList<>();
    try {
      publisher = new Connection(publisherUser, false);
      opened.add(publisher);
      for (String user : subscriberUsers) {
        Connection connection = new Connection(user, true);
        opened.add(connection);
        subscribers.add(connection);
      }
      for (Connection connection : opened) {
        connection.channel.register(selector, SelectionKey.OP_READ, connection);
      }
    } catch (IOException | RuntimeException e) {
      for (Connection connection : opened) {
        connection.pipe.close();
      }
      selector.close();
      throw e;
    }
    reader = new Thread(this::read, "pubsub-load-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Logs the publisher and the subscribers in (each with resource {@value #RESOURCE}) and starts reading. */
  static ClientLoad connect(XmppServer server, String publisher, List<String> subscribers) throws IOException {
    return new ClientLoad(server, publisher, subscribers);
  }

  /** How many subscriber connections there are. */
  int clients() {
    return subscribers.size();
  }

  private void read() {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    byte[] bytes = buffer.array();
    try {
      while (running) {
        if (selector.select(100) == 0) {
          continue;
        }
        long now = System.nanoTime();
        for (SelectionKey key : selector.selectedKeys()) {
          Connection connection = (Connection) key.attachment();
          int n;
          buffer.clear();
          try {
            n = connection.channel.read(buffer);
          } catch (IOException e) {
            n = -1;
          }
          if (n < 0) {
            key.cancel();
            if (running && connectionLost == null) {
              connectionLost = connection.user + "'s connection was closed by the server";
            }
            continue;
          }
          if (connection.subscriber) {
            subscriberBytes.addAndGet(n);
            if (sample == null) {
              String text = new String(bytes, 0, n, StandardCharsets.UTF_8);
              int at = text.indexOf("<message");
              int end = text.indexOf("</message>", Math.max(0, at));
              if (at >= 0 && end > at) {
                sample = text.substring(at, end + "</message>".length());
              }
            }
          }
          connection.scan(bytes, n, now);
        }
        selector.selectedKeys().clear();
        Thread toWake = writer;
        if (toWake != null) {
          LockSupport.unpark(toWake);
        }
      }
    } catch (IOException | RuntimeException e) {
      if (running) {
        connectionLost = "the reader stopped: " + e;
      }
    }
  }

  private void iq(String xml, long now) {
    String id = attribute(xml, "id");
    if (id == null) {
      return;
    }
    if (id.startsWith("P")) {
      caseAcked.incrementAndGet();
      lastProgress = now;
      if ("error".equals(attribute(xml, "type"))) {
        caseAckErrors.incrementAndGet();
        if (firstError == null) {
          firstError = xml;
        }
      }
      try {
        long due = dueNanos[(int) (Long.parseLong(id.substring(1)) & (RING - 1))];
        if (due != 0) {
          ackLatencies.recordValue(Math.max(0, Math.min(now - due, TimeUnit.SECONDS.toNanos(120))));
        }
      } catch (NumberFormatException e) {
        // not one of ours
      }
      return;
    }
    CompletableFuture<String> waiting = pending.remove(id);
    if (waiting != null) {
      waiting.complete(xml);
    }
  }

  private void notification(long sequence, long now) {
    long due = dueNanos[(int) (sequence & (RING - 1))];
    if (due != 0) {
      latencies.recordValue(Math.max(0, Math.min(now - due, TimeUnit.SECONDS.toNanos(120))));
    }
    caseNotifications.incrementAndGet();
    lastProgress = now;
  }

  /** The value of the first {@code name} attribute of {@code xml}'s first tag, either quote. */
  static String attribute(String xml, String name) {
    int end = xml.indexOf('>');
    int at = 0;
    while (true) {
      at = xml.indexOf(name + "=", at);
      if (at < 0 || (end >= 0 && at > end)) {
        return null;
      }
      char before = at == 0 ? ' ' : xml.charAt(at - 1);
      int quote = at + name.length() + 1;
      if (Character.isWhitespace(before) && quote < xml.length()) {
        char q = xml.charAt(quote);
        int close = xml.indexOf(q, quote + 1);
        return close < 0 ? null : xml.substring(quote + 1, close);
      }
      at += name.length();
    }
  }

  // Setting up.

  /**
   * Asks {@code service} for its disco#info from the publisher until it answers with a result: the server's own
   * service, or a component once the server routes to it.
   *
   * @throws IOException if it answers only errors, or nothing, within {@code limit}
   */
  void probe(String service, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    String last = "nothing";
    while (System.nanoTime() < deadline) {
      String id = "D" + setupIds.incrementAndGet();
      String answer = await(List.of(request(publisher, id, "<iq type='get' to='" + service + "' id='" + id
          + "'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>")), Duration.ofSeconds(10)).get(0);
      if ("result".equals(attribute(answer, "type"))) {
        return;
      }
      last = answer;
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
    }
    throw new IOException(service + " answered disco#info only with " + last);
  }

  /**
   * Creates {@code node} at {@code service}, from the publisher, with the configuration form's {@code fields}
   * (XEP-0060 §8.1.3, create and configure).
   *
   * @throws IOException if the service answers with an error, or not within {@code limit}
   */
  void createNode(String service, String node, Map<String, String> fields, Duration limit) throws IOException {
    StringBuilder form = new StringBuilder("<configure><x xmlns='jabber:x:data' type='submit'>"
        + "<field var='FORM_TYPE' type='hidden'><value>" + PUBSUB + "#node_config</value></field>");
    fields.forEach((name, value) -> form.append("<field var='").append(name).append("'><value>").append(value)
        .append("</value></field>"));
    form.append("</x></configure>");
    String id = "C" + setupIds.incrementAndGet();
    String answer = await(List.of(request(publisher, id, "<iq type='set' to='" + service + "' id='" + id
        + "'><pubsub xmlns='" + PUBSUB + "'><create node='" + node + "'/>" + form + "</pubsub></iq>")), limit).get(0);
    if (!"result".equals(attribute(answer, "type"))) {
      throw new IOException("create " + node + " at " + service + " failed: " + answer);
    }
  }

  /**
   * Makes the {@code count} subscriptions to {@code node} described in the class comment, each from the connection
   * of the user it subscribes, at most {@code window} unanswered at a time (a server that stores a node's whole
   * subscriber list on every change, as Prosody's does, would otherwise be buried for minutes).
   *
   * @throws IOException if any is refused (the first refusal is in the message) or unanswered within {@code limit}
   */
  void subscribe(String service, String node, int count, int window, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<CompletableFuture<String>> answers = new ArrayList<>();
    for (int k = 0; k < count; k++) {
      if (k >= window) {
        await(List.of(answers.get(k - window)), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      }
      Connection connection = subscribers.get(k % subscribers.size());
      int round = k / subscribers.size();
      String jid = connection.jid(round == 0 ? RESOURCE : "s" + round);
      String id = "S" + setupIds.incrementAndGet();
      answers.add(request(connection, id, "<iq type='set' to='" + service + "' id='" + id + "'><pubsub xmlns='"
          + PUBSUB + "'><subscribe node='" + node + "' jid='" + jid + "'/></pubsub></iq>"));
    }
    List<String> results = await(answers, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    long refused = results.stream().filter(xml -> !"result".equals(attribute(xml, "type"))).count();
    if (refused > 0) {
      throw new IOException(refused + " of " + count + " subscriptions to " + node + " at " + service
          + " were refused; the first: " + results.stream().filter(xml -> !"result".equals(attribute(xml, "type")))
          .findFirst().orElse(""));
    }
  }

  private CompletableFuture<String> request(Connection connection, String id, String xml) throws IOException {
    CompletableFuture<String> answer = new CompletableFuture<>();
    pending.put(id, answer);
    connection.write(xml.getBytes(StandardCharsets.UTF_8));
    return answer;
  }

  private List<String> await(List<CompletableFuture<String>> answers, Duration limit) throws IOException {
    try {
      CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(limit.toMillis(), TimeUnit.MILLISECONDS);
      return answers.stream().map(CompletableFuture::join).toList();
    } catch (TimeoutException e) {
      long missing = answers.stream().filter(answer -> !answer.isDone()).count();
      throw new IOException(missing + " of " + answers.size() + " requests unanswered after " + limit.toSeconds()
          + " s" + (connectionLost == null ? "" : " (" + connectionLost + ")"));
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  // Load.

  /** Starts a case of {@code subscriptions} notifications per publish: zeroes its counters. No load may run. */
  void beginCase(int subscriptions) {
    subscriptionsPerPublish = subscriptions;
    caseSent.set(0);
    caseAcked.set(0);
    caseAckErrors.set(0);
    caseNotifications.set(0);
    shed.set(0);
    stalls.set(0);
    firstError = null;
    sample = null;
  }

  /** The first notification a subscriber received in this case, as the server sent it, or {@code null}. */
  String sampleNotification() {
    return sample;
  }

  private long open(long credits) {
    long closed = Math.min(caseAcked.get(), caseNotifications.get() / subscriptionsPerPublish);
    return caseSent.get() - closed - credits;
  }

  /** Publishes to {@code node} keeping {@code window} publishes open (not yet acknowledged and fully notified). */
  void startSaturation(String service, String node, Payload payload, int window) {
    start(() -> {
      long credits = 0;
      while (writing) {
        long open = open(credits);
        if (open >= window) {
          if (System.nanoTime() - lastProgress > STALL_NANOS) {
            credits++;
            stalls.incrementAndGet();
            lastProgress = System.nanoTime();
          }
          LockSupport.parkNanos(200_000);
          continue;
        }
        long now = System.nanoTime();
        StringBuilder batch = new StringBuilder();
        for (long i = open; i < window; i++) {
          appendPublish(batch, service, node, payload, now);
        }
        publisher.write(batch.toString().getBytes(StandardCharsets.UTF_8));
      }
    });
  }

  /**
   * Publishes {@code rate} items a second to {@code node}, each counted from when it was due; a publish due while
   * {@code maxOpen} are open is not sent ({@link Phase#shed()}), so that a service that cannot keep up is not
   * buried.
   */
  void startFixedRate(String service, String node, Payload payload, double rate, int maxOpen) {
    long interval = (long) (1e9 / rate);
    start(() -> {
      long due = System.nanoTime();
      while (writing) {
        long now = System.nanoTime();
        if (now < due) {
          LockSupport.parkNanos(due - now);
          continue;
        }
        StringBuilder batch = new StringBuilder();
        long open = open(0);
        while (due <= now) {
          if (open >= maxOpen) {
            shed.incrementAndGet();
          } else {
            appendPublish(batch, service, node, payload, due);
            open++;
          }
          due += interval;
        }
        if (batch.length() > 0) {
          publisher.write(batch.toString().getBytes(StandardCharsets.UTF_8));
        }
      }
    });
  }

  private void appendPublish(StringBuilder batch, String service, String node, Payload payload, long due) {
    long n = sequence.getAndIncrement();
    dueNanos[(int) (n & (RING - 1))] = due;
    caseSent.incrementAndGet();
    batch.append("<iq type='set' to='").append(service).append("' id='P").append(n).append("'><pubsub xmlns='")
        .append(PUBSUB).append("'><publish node='").append(node).append("'><item id='i").append(n).append("'>")
        .append(payload.head()).append('#').append(n).append('#').append(payload.tail())
        .append("</item></publish></pubsub></iq>");
  }

  /**
   * An item's payload, an Atom entry, as the text before and after the publish's marker {@code #<n>#}: the marker
   * is in the payload, not the item id, so that only notifications of the item carry it (not retractions, not
   * the publish's result).
   */
  record Payload(String head, String tail) {
    /** An entry of about {@code bytes} bytes with the marker at the start of its summary. */
    static Payload of(int bytes) {
      String entry = Requests.payload(bytes);
      int at = entry.indexOf("<summary>") + "<summary>".length();
      return new Payload(entry.substring(0, at), entry.substring(at + 10));
    }
  }

  private interface Loop {
    void run() throws IOException;
  }

  private void start(Loop loop) {
    writing = true;
    lastProgress = System.nanoTime();
    writer = new Thread(() -> {
      try {
        loop.run();
      } catch (IOException e) {
        if (connectionLost == null) {
          connectionLost = "the publisher stopped writing: " + e.getMessage();
        }
      }
    }, "pubsub-load-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Stops publishing. */
  void stopLoad() throws InterruptedException {
    writing = false;
    Thread stopping = writer;
    if (stopping != null) {
      LockSupport.unpark(stopping);
      stopping.join(10_000);
    }
    writer = null;
  }

  /**
   * Waits, up to {@code limit}, until every publish of the case is acknowledged and every notification of the
   * acknowledged ones has arrived.
   *
   * @return whether all arrived
   */
  boolean drain(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (caseAcked.get() >= caseSent.get() && caseNotifications.get() >= expectedNotifications()) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }

  /** Notifications the case's successful publishes should have brought. */
  long expectedNotifications() {
    return (caseAcked.get() - caseAckErrors.get()) * subscriptionsPerPublish;
  }

  /** Notifications received in this case. */
  long notificationsReceived() {
    return caseNotifications.get();
  }

  /** Measures the running load for {@code duration}. */
  Phase measure(Duration duration) throws InterruptedException {
    latencies.reset();
    ackLatencies.reset();
    long sent = caseSent.get();
    long acked = caseAcked.get();
    long errors = caseAckErrors.get();
    long notifications = caseNotifications.get();
    long shedBefore = shed.get();
    long stallsBefore = stalls.get();
    long bytes = subscriberBytes.get();
    long start = System.nanoTime();
    Thread.sleep(duration.toMillis());
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Phase(caseSent.get() - sent, caseAcked.get() - acked, caseAckErrors.get() - errors,
        caseNotifications.get() - notifications, seconds, latencies.getIntervalHistogram(),
        ackLatencies.getIntervalHistogram(), shed.get() - shedBefore, stalls.get() - stallsBefore,
        subscriberBytes.get() - bytes);
  }

  /** The first error answer to a publish in this case, or {@code null}. */
  String firstError() {
    return firstError;
  }

  /** Why a connection was lost, or {@code null} if none was. */
  String connectionLost() {
    return connectionLost;
  }

  @Override
  public void close() throws IOException {
    running = false;
    writing = false;
    try {
      reader.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    publisher.pipe.close();
    for (Connection connection : subscribers) {
      connection.pipe.close();
    }
    selector.close();
  }
}
