package dev.kindling.relay;

import dev.kindling.inject.ConfigException;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.lifecycle.ComponentService;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 side of the relay: one NIO selector thread that accepts connections, reads their handshakes
 * ({@link Socks5Request}), pairs the two connections of one bytestream by its hash, and once the initiator activates
 * it ({@link #activate}) copies bytes both ways, each direction through one direct buffer, reading a side only while
 * the other can take what was read (so a slow reader bounds the memory, never grows it). Half-close is passed on:
 * when one side ends its output, the other's output is shut once the bytes before it are written. No XMPP thread
 * touches a socket; activation is handed to the selector thread.
 */
final class Socks5Server implements ComponentService {
  private static final Logger log = LoggerFactory.getLogger(Socks5Server.class);
  static final int BUFFER = 64 * 1024;

  /** What an activation found. */
  enum Activation { ACTIVATED, NO_SUCH_STREAM, ONE_SIDE_ONLY, ALREADY_ACTIVE }

  private final String listenHost;
  private final int listenPort;
  private final Optional<String> advertisedHost;
  private final Optional<Integer> advertisedPort;
  private final long handshakeNanos;
  private final long activationNanos;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Map<String, Pair> pairs = new HashMap<>();
  private Selector selector;
  private ServerSocketChannel listener;
  private Thread loop;
  private volatile boolean running;

  @Inject
  Socks5Server(KindlingConfig config) {
    this.listenHost = config.get(RelayKeys.LISTEN_HOST);
    this.listenPort = config.get(RelayKeys.LISTEN_PORT);
    this.advertisedHost = config.find(RelayKeys.ADVERTISED_HOST);
    this.advertisedPort = config.find(RelayKeys.ADVERTISED_PORT);
    this.handshakeNanos = config.get(RelayKeys.HANDSHAKE_TIMEOUT).toNanos();
    this.activationNanos = config.get(RelayKeys.ACTIVATION_TIMEOUT).toNanos();
  }

  /** The host clients are told to connect to: the advertised one, else the one listened on. */
  String advertisedHost() {
    return advertisedHost.orElse(listenHost);
  }

  /** The port clients are told to connect to: the advertised one, else the one listened on. */
  int advertisedPort() {
    return advertisedPort.orElse(port());
  }

  @Override
  public void start() throws IOException {
    if ((listenHost.equals("0.0.0.0") || listenHost.equals("::")) && advertisedHost.isEmpty()) {
      throw new ConfigException(List.of(RelayKeys.ADVERTISED_HOST.name() + " must be set when "
          + RelayKeys.LISTEN_HOST.name() + " is " + listenHost + ": clients need an address to connect to"));
    }
    selector = Selector.open();
    listener = ServerSocketChannel.open();
    try {
      listener.bind(new InetSocketAddress(listenHost, listenPort), 1024);
    } catch (IOException e) {
      listener.close();
      selector.close();
      throw new ConfigException(List.of("relay cannot listen on " + listenHost + ":" + listenPort + " ("
          + RelayKeys.LISTEN_HOST.name() + ", " + RelayKeys.LISTEN_PORT.name() + "): " + e.getMessage()));
    }
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT);
    running = true;
    loop = new Thread(this::run, "relay-socks5-" + port());
    loop.setDaemon(true);
    loop.start();
    log.info("relay: SOCKS5 on {}", listener.getLocalAddress());
  }

  @Override
  public void stop() throws InterruptedException, IOException {
    running = false;
    selector.wakeup();
    loop.join(5_000);
    for (SelectionKey key : selector.keys()) {
      key.channel().close();
    }
    selector.close();
  }

  /** The port listened on (the configured one, or the one the system chose for 0). */
  int port() {
    return listener.socket().getLocalPort();
  }

  /** Starts relaying the bytestream of {@code hash}, on the selector thread. */
  CompletableFuture<Activation> activate(String hash) {
    CompletableFuture<Activation> done = new CompletableFuture<>();
    tasks.add(() -> {
      Pair pair = pairs.get(hash);
      if (pair == null) {
        done.complete(Activation.NO_SUCH_STREAM);
      } else if (pair.second == null) {
        done.complete(Activation.ONE_SIDE_ONLY);
      } else if (pair.active) {
        done.complete(Activation.ALREADY_ACTIVE);
      } else {
        pair.active = true;
        pair.first.deadline = Long.MAX_VALUE;
        pair.second.deadline = Long.MAX_VALUE;
        pair.first.peer = pair.second;
        pair.second.peer = pair.first;
        pair.first.interest();
        pair.second.interest();
        done.complete(Activation.ACTIVATED);
      }
    });
    selector.wakeup();
    return done;
  }

  private void run() {
    long nextSweep = System.nanoTime();
    while (running) {
      try {
        selector.select(1_000);
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
          task.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          handle(key);
        }
        selector.selectedKeys().clear();
        long now = System.nanoTime();
        if (now - nextSweep >= 0) {
          closeExpired(now);
          nextSweep = now + 1_000_000_000L;
        }
      } catch (IOException | RuntimeException e) {
        log.warn("relay: the SOCKS5 loop failed once: {}", e.toString());
      }
    }
  }

  /** Closes the connections whose handshake or wait for activation took too long (a slowloris, a lost peer). */
  private void closeExpired(long now) {
    for (SelectionKey key : List.copyOf(selector.keys())) {
      if (key.attachment() instanceof Connection connection && now - connection.deadline > 0) {
        connection.close(connection.handshake != null ? "no SOCKS5 handshake in time" : "not activated in time");
      }
    }
  }

  private void handle(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    if (key.isAcceptable()) {
      accept();
      return;
    }
    Connection connection = (Connection) key.attachment();
    try {
      if (key.isReadable()) {
        connection.readable();
      }
      if (key.isValid() && key.isWritable()) {
        connection.writable();
      }
    } catch (IOException e) {
      connection.close("I/O: " + e.getMessage());
    }
  }

  private void accept() {
    try {
      SocketChannel channel;
      while ((channel = listener.accept()) != null) {
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        Connection connection = new Connection(channel);
        connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
      }
    } catch (IOException e) {
      log.warn("relay: accepting failed: {}", e.toString());
    }
  }

  /** The two connections of one bytestream: the first to arrive (the target, in XEP-0065), then the other. */
  private static final class Pair {
    Connection first;
    Connection second;
    boolean active;
  }

  /** One client's connection: its handshake, then its half of the relay. */
  private final class Connection {
    final SocketChannel channel;
    SelectionKey key;
    Socks5Request handshake = new Socks5Request();
    ByteBuffer handshakeIn = ByteBuffer.allocate(Socks5Request.MAX_BYTES);
    /** Bytes read from this side, for the peer. */
    ByteBuffer toPeer;
    String hash;
    long deadline = System.nanoTime() + handshakeNanos;
    Connection peer;
    boolean ended;
    boolean closed;

    Connection(SocketChannel channel) {
      this.channel = channel;
    }

    void readable() throws IOException {
      if (handshake != null) {
        readHandshake();
        return;
      }
      int read = channel.read(toPeer);
      if (read < 0) {
        ended = true;
      }
      flushToPeer();
    }

    void writable() throws IOException {
      if (peer != null) {
        peer.flushToPeer();
      }
    }

    /** Writes what this side read to the peer, passing the end on once everything is written. */
    void flushToPeer() throws IOException {
      if (peer == null || peer.closed) {
        return;
      }
      toPeer.flip();
      peer.channel.write(toPeer);
      toPeer.compact();
      if (ended && toPeer.position() == 0 && !peer.channel.socket().isOutputShutdown()) {
        peer.channel.shutdownOutput();
      }
      if (ended && peer.ended && toPeer.position() == 0 && peer.toPeer.position() == 0) {
        close(null);
        return;
      }
      interest();
      peer.interest();
    }

    /** Reads while the peer has taken what was read; wants to write while the peer left bytes for this side. */
    void interest() {
      if (closed || !key.isValid()) {
        return;
      }
      int ops = 0;
      if (peer != null && !ended && toPeer.position() == 0) {
        ops |= SelectionKey.OP_READ;
      }
      if (peer != null && peer.toPeer.position() > 0) {
        ops |= SelectionKey.OP_WRITE;
      }
      key.interestOps(ops);
    }

    private void readHandshake() throws IOException {
      int read = channel.read(handshakeIn);
      if (read < 0) {
        close("closed during the handshake");
        return;
      }
      ByteBuffer answer = ByteBuffer.allocate(Socks5Request.MAX_BYTES);
      handshakeIn.flip();
      Socks5Request.Step step;
      try {
        step = handshake.read(handshakeIn, answer);
      } catch (Socks5Request.Refused refused) {
        answer.flip();
        channel.write(answer);
        close("refused: " + refused.getMessage());
        return;
      }
      answer.flip();
      channel.write(answer);
      if (answer.hasRemaining()) {
        close("cannot take the handshake's answer");
        return;
      }
      if (step != Socks5Request.Step.DONE) {
        handshakeIn.compact();
        if (!handshakeIn.hasRemaining()) {
          close("the handshake is too long");
        }
        return;
      }
      hash = handshake.hash();
      handshake = null;
      deadline = System.nanoTime() + activationNanos;
      toPeer = ByteBuffer.allocateDirect(BUFFER);
      toPeer.put(handshakeIn);                           // bytes sent right after the handshake wait for the peer
      handshakeIn = null;
      Pair pair = pairs.computeIfAbsent(hash, h -> new Pair());
      if (pair.first == null) {
        pair.first = this;
      } else if (pair.second == null && !pair.active) {
        pair.second = this;
      } else {
        hash = null;
        close("a third connection for one bytestream");
        return;
      }
      interest();
    }

    void close(String why) {
      if (closed) {
        return;
      }
      closed = true;
      if (why != null) {
        log.debug("relay: closing {}: {}", remote(), why);
      }
      try {
        channel.close();
      } catch (IOException e) {
        // closing anyway
      }
      if (hash != null) {
        Pair pair = pairs.get(hash);
        if (pair != null && (pair.first == this || pair.second == this)) {
          pairs.remove(hash);
        }
      }
      if (peer != null) {
        peer.close(null);
      }
    }

    private String remote() {
      try {
        return String.valueOf(channel.getRemoteAddress());
      } catch (IOException e) {
        return "a client";
      }
    }
  }
}
