package dev.kindling.bench.mucbot;

import dev.kindling.bench.compare.Handshakes;
import dev.kindling.bench.compare.Pipe;
import dev.kindling.testkit.XmppServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The users' side of the MUC bot benchmark: one client (SASL PLAIN over plain TCP, no Smack) in every room of
 * the run, sending {@code !echo #<room>:<n>#} round the rooms and counting the bot's answers ({@code <body>#…}),
 * with a bounded number of commands unanswered at a time. One reader thread scans the bytes; nothing is parsed.
 */
final class RoomLoad implements AutoCloseable {
  static final String USER = "load";
  private static final String ANSWER = "<body>#";
  private static final Duration JOIN_LIMIT = Duration.ofSeconds(60);

  private final List<String> rooms;
  private final Pipe pipe;
  private final OutputStream out;
  private final Thread reader;
  private final AtomicLong answered = new AtomicLong();
  private final AtomicLong joined = new AtomicLong();
  private final AtomicIntegerArray answeredIn;
  private long sent;
  private volatile boolean running = true;

  private RoomLoad(List<String> rooms, Pipe pipe) {
    this.rooms = rooms;
    this.pipe = pipe;
    this.out = new BufferedOutputStream(pipe.out(), 64 * 1024);
    this.answeredIn = new AtomicIntegerArray(rooms.size());
    this.reader = new Thread(this::read, "room-load-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Logs in as {@value #USER} and enters {@code rooms} (creating them as instant rooms where they are new). */
  static RoomLoad enter(XmppServer server, List<String> rooms) throws IOException, InterruptedException {
    RoomLoad load = new RoomLoad(rooms, Handshakes.login(server.host(), server.clientPort(), server.domain(), USER,
        server.user(USER).password(), "load"));
    for (String room : rooms) {
      load.write("<presence to='" + room + "/load'><x xmlns='http://jabber.org/protocol/muc'><history maxchars='0'/>"
          + "</x></presence><iq type='set' id='instant-" + room + "' to='" + room + "'><query"
          + " xmlns='http://jabber.org/protocol/muc#owner'><x xmlns='jabber:x:data' type='submit'/></query></iq>");
    }
    load.out.flush();
    long deadline = System.nanoTime() + JOIN_LIMIT.toNanos();
    while (load.joined.get() < rooms.size()) {
      if (System.nanoTime() > deadline) {
        throw new IOException(USER + " entered " + load.joined.get() + " of " + rooms.size() + " rooms in " + JOIN_LIMIT);
      }
      Thread.sleep(10);
    }
    return load;
  }

  /**
   * Sends a command to every room until each has answered one since this call: the bot now running is in all of
   * them. Then waits for the stragglers, and forgets the commands lost before it joined, so that the window of
   * {@link #saturate} starts whole for every bot.
   */
  void awaitBot(Duration limit) throws IOException, InterruptedException {
    for (int room = 0; room < rooms.size(); room++) {
      answeredIn.set(room, 0);
    }
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      int missing = 0;
      for (int room = 0; room < rooms.size(); room++) {
        if (answeredIn.get(room) == 0) {
          missing++;
          send(room);
        }
      }
      out.flush();
      if (missing == 0) {
        drain(Duration.ofSeconds(5));
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("the bot answered in " + (rooms.size() - missing) + " of " + rooms.size()
            + " rooms within " + limit);
      }
      Thread.sleep(500);
    }
  }

  /**
   * Sends commands round the rooms for {@code duration}, keeping at most {@code window} unanswered.
   *
   * @return the commands answered meanwhile
   */
  long saturate(Duration duration, int window) throws IOException {
    long before = answered.get();
    long end = System.nanoTime() + duration.toNanos();
    int room = 0;
    sent = Math.max(sent, answered.get());
    while (System.nanoTime() < end) {
      long open = window - (sent - answered.get());
      if (open <= 0) {
        LockSupport.parkNanos(20_000);
        continue;
      }
      for (long i = 0; i < open; i++) {
        send(room);
        room = (room + 1) % rooms.size();
      }
      out.flush();
    }
    return answered.get() - before;
  }

  /** Waits until the answers stop coming (the bot has caught up), at most {@code limit}. */
  void drain(Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    long last = -1;
    while (System.nanoTime() < deadline && answered.get() != last) {
      last = answered.get();
      Thread.sleep(300);
    }
    sent = answered.get();
  }

  private void send(int room) throws IOException {
    sent++;
    write("<message to='" + rooms.get(room) + "' type='groupchat'><body>!echo #" + room + ":" + sent + "#</body>"
        + "</message>");
  }

  private void write(String xml) throws IOException {
    out.write(xml.getBytes(StandardCharsets.UTF_8));
  }

  private void read() {
    byte[] buffer = new byte[64 * 1024];
    StringBuilder tail = new StringBuilder();
    try {
      InputStream in = pipe.in();
      int n;
      while (running && (n = in.read(buffer)) > 0) {
        tail.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        int at = 0;
        int found;
        while ((found = tail.indexOf(ANSWER, at)) >= 0) {
          int colon = tail.indexOf(":", found);
          if (colon < 0) {
            break;
          }
          answered.incrementAndGet();
          answeredIn.incrementAndGet(Integer.parseInt(tail.substring(found + ANSWER.length(), colon)));
          at = colon;
        }
        int scanned = at;
        for (String self : List.of("code='110'", "code=\"110\"")) {
          for (int code = tail.indexOf(self); code >= 0; code = tail.indexOf(self, code + 1)) {
            joined.incrementAndGet();
            scanned = Math.max(scanned, code + self.length());
          }
        }
        int keep = tail.lastIndexOf("<");
        tail.delete(0, keep < 0 ? tail.length() : Math.max(keep, scanned));
      }
    } catch (IOException | RuntimeException e) {
      if (running) {
        System.err.println("room load: " + e);
      }
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    pipe.close();
    try {
      reader.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
