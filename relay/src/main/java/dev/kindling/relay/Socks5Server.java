package dev.kindling.relay;

import dev.kindling.inject.ConfigException;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.lifecycle.ComponentService;
import dev.kindling.relay.Bytestreams.Activation;
import dev.kindling.relay.RelayCounters.Count;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOCKS5 side of the relay: one NIO selector thread that accepts connections, reads their handshakes
 * ({@link Socks5Request}), hands them to {@link Bytestreams} to pair and relay, and closes those that take too long.
 * No XMPP thread touches a socket: activations are handed to the selector thread as tasks.
 *
 * <p>Plain NIO rather than Netty: the relay is one loop of reads and writes with one direct buffer per side, which
 * NIO does without a dependency. Zero-copy between two sockets needs {@code splice(2)}, which the JDK does not
 * offer ({@code transferTo} copies only from a file); the benchmark in {@code bench/} measures what that costs
 * against a direct connection.
 */
final class Socks5Server implements ComponentService {
  private static final Logger log = LoggerFactory.getLogger(Socks5Server.class);
  private static final long SECOND = 1_000_000_000L;

  private final String listenHost;
  private final int listenPort;
  private final List<String> advertisedHosts;
  private final Integer advertisedPort;
  private final long handshakeNanos;
  private final long activationNanos;
  private final int maxConnections;
  private final Bytestreams.Limits limits;
  private final RelayCounters counters;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private Bytestreams streams;
  private Selector selector;
  private ServerSocketChannel listener;
  private SelectionKey acceptKey;
  private long acceptPausedUntil;
  private Thread loop;
  private volatile boolean running;
  private volatile boolean closed;

  @Inject
  Socks5Server(KindlingConfig config, RelayCounters counters) {
    this.listenHost = config.get(RelayKeys.LISTEN_HOST);
    this.listenPort = config.get(RelayKeys.LISTEN_PORT);
    this.advertisedHosts = config.find(RelayKeys.ADVERTISED_HOSTS).orElse(List.of());
    this.advertisedPort = config.find(RelayKeys.ADVERTISED_PORT).orElse(null);
    this.handshakeNanos = positive(config, RelayKeys.HANDSHAKE_TIMEOUT);
    this.activationNanos = positive(config, RelayKeys.ACTIVATION_TIMEOUT);
    this.maxConnections = config.get(RelayKeys.MAX_CONNECTIONS);
    this.limits = new Bytestreams.Limits(config.get(RelayKeys.MAX_TRANSFERS),
        config.get(RelayKeys.MAX_TRANSFERS_PER_JID), config.get(RelayKeys.MAX_TRANSFER_BYTES),
        config.get(RelayKeys.TRANSFER_RATE), config.get(RelayKeys.TOTAL_RATE),
        positive(config, RelayKeys.IDLE_TIMEOUT));
    this.counters = counters;
  }

  private static long positive(KindlingConfig config, dev.kindling.config.ConfigKey<java.time.Duration> key) {
    java.time.Duration value = config.get(key);
    if (value.isZero()) {
      throw new ConfigException(List.of(key.name() + " must be more than 0 (it would cut every connection)"));
    }
    return value.toNanos();
  }

  /** The hosts clients are told to connect to: the advertised ones, else the one listened on. */
  List<String> advertisedHosts() {
    return advertisedHosts.isEmpty() ? List.of(listenHost) : advertisedHosts;
  }

  /** The port clients are told to connect to: the advertised one, else the one listened on. */
  int advertisedPort() {
    return advertisedPort != null ? advertisedPort : port();
  }

  @Override
  public void start() throws IOException {
    InetSocketAddress address = listenAddress();
    if (address.getAddress().isAnyLocalAddress() && advertisedHosts.isEmpty()) {
      throw new ConfigException(List.of(RelayKeys.ADVERTISED_HOSTS.name() + " must be set when "
          + RelayKeys.LISTEN_HOST.name() + " is " + listenHost + ": clients need an address to connect to"));
    }
    selector = Selector.open();
    try {
      listener = ServerSocketChannel.open();
      listener.bind(address, 1024);
      listener.configureBlocking(false);
      acceptKey = listener.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException e) {
      close(listener);
      selector.close();
      throw new ConfigException(List.of("relay cannot listen on " + listenHost + ":" + listenPort + " ("
          + RelayKeys.LISTEN_HOST.name() + ", " + RelayKeys.LISTEN_PORT.name() + "): " + e.getMessage()));
    }
    streams = new Bytestreams(limits, counters, System.nanoTime());
    running = true;
    loop = new Thread(this::run, "relay-socks5-" + port());
    loop.setDaemon(true);
    loop.start();
    log.info("relay: SOCKS5 on {}, advertised as {} port {}", listener.getLocalAddress(), advertisedHosts(),
        advertisedPort());
  }

  /** Stops the loop, which closes every connection and the listener as it ends. */
  @Override
  public void stop() throws InterruptedException {
    running = false;
    selector.wakeup();
    loop.join(5_000);
    if (loop.isAlive()) {
      log.warn("relay: the SOCKS5 loop did not end within 5 s");
    }
    log.info("relay: stopped after {} transfers, {} bytes", counters.get(Count.TRANSFERS),
        counters.get(Count.BYTES));
  }

  private InetSocketAddress listenAddress() {
    try {
      return new InetSocketAddress(InetAddress.getByName(listenHost), listenPort);
    } catch (UnknownHostException e) {
      throw new ConfigException(List.of(RelayKeys.LISTEN_HOST.name() + " = '" + listenHost
          + "' is not an address of this machine"));
    }
  }

  /** The port listened on (the configured one, or the one the system chose for 0). */
  int port() {
    return listener.socket().getLocalPort();
  }

  /** Starts relaying the bytestream of {@code hash}, activated by {@code owner} (a bare JID). */
  CompletableFuture<Activation> activate(String hash, String owner) {
    if (!running) {
      return CompletableFuture.completedFuture(Activation.NO_SUCH_STREAM);
    }
    CompletableFuture<Activation> done = new CompletableFuture<>();
    submit(() -> {
      try {
        done.complete(streams.activate(hash, owner, System.nanoTime()));
      } catch (RuntimeException | Error e) {
        log.warn("relay: activating {} failed", hash, e);
        done.completeExceptionally(e);
      }
    });
    if (closed) {
      runTasks();                                    // the loop has ended: nothing is connected any more
    }
    return done;
  }

  /** Closes the connections of {@code hash} (unless relaying): its initiator may not use the relay. */
  void discard(String hash) {
    submit(() -> streams.discard(hash));
  }

  private void submit(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  private void runTasks() {
    for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("relay: a task failed", e);
      }
    }
  }

  private void run() {
    long nextSweep = System.nanoTime() + SECOND / 4;
    try {
      while (running) {
        try {
          selector.select(streams.throttling() || acceptPausedUntil != 0 ? 10 : 250);
          runTasks();
          for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
            SelectionKey key = keys.next();
            keys.remove();
            handle(key);
          }
          long now = System.nanoTime();
          streams.resume(now);
          resumeAccepting(now);
          if (now - nextSweep >= 0) {
            closeExpired(now);
            nextSweep = now + SECOND / 4;
          }
          } catch (IOException | RuntimeException | OutOfMemoryError e) {
          log.warn("relay: the SOCKS5 loop failed once", e);
        }
      }
    } finally {
      running = false;
      closeEverything();
      closed = true;
      runTasks();
    }
  }

  /** Ends every transfer, answers the activations still queued, closes the listener and the selector. */
  private void closeEverything() {
    try {
      streams.endAll();
      runTasks();
      for (SelectionKey key : selector.keys()) {
        if (key.attachment() instanceof Socks5Connection connection) {
          connection.close();
        } else {
          close(key.channel());
        }
      }
      selector.close();
    } catch (IOException | RuntimeException e) {
      log.warn("relay: closing the SOCKS5 server failed", e);
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
    Socks5Connection connection = (Socks5Connection) key.attachment();
    long now = System.nanoTime();
    try {
      if (connection.handshaking()) {
        handshake(connection, now);
        return;
      }
      if (!connection.relaying()) {
        if (!connection.readEarly()) {
          streams.drop(connection, Count.LEFT_EARLY, "its bytestream is closed too");
        }
        return;
      }
      if (key.isReadable()) {
        streams.readable(connection, now);
      }
      if (key.isValid() && key.isWritable()) {
        streams.writable(connection, now);
      }
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      streams.drop(connection, connection.handshaking() ? Count.BAD_HANDSHAKE : Count.BROKEN, e.toString());
    }
  }

  private void handshake(Socks5Connection connection, long now) throws IOException {
    String hash;
    try {
      hash = connection.readHandshake();
    } catch (Socks5Request.Refused refused) {
      streams.drop(connection, Count.BAD_HANDSHAKE, refused.getMessage());
      return;
    }
    if (hash != null) {
      connection.deadline = now + activationNanos;
      streams.connected(connection, hash);
    }
  }

  private void accept() {
    for (SocketChannel channel = acceptNext(); channel != null; channel = acceptNext()) {
      String remote = remote(channel);
      if (counters.openConnections() >= maxConnections) {
        counters.refuse(Count.CONNECTION_LIMIT, remote);
        close(channel);
        continue;
      }
      Socks5Connection connection = new Socks5Connection(channel, remote, System.nanoTime() + handshakeNanos,
          counters);
      try {
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        connection.key = channel.register(selector, SelectionKey.OP_READ, connection);
        counters.add(Count.CONNECTIONS, 1);
      } catch (IOException e) {
        log.warn("relay: cannot take a connection from {}: {}", remote, e.toString());
        connection.close();
      }
    }
  }

  /** The next waiting connection; on a failure (such as no file descriptor left) accepting pauses 100 ms. */
  private SocketChannel acceptNext() {
    try {
      return listener.accept();
    } catch (IOException e) {
      log.warn("relay: accepting failed, pausing 100 ms: {}", e.toString());
      acceptKey.interestOps(0);
      acceptPausedUntil = System.nanoTime() + SECOND / 10;
      return null;
    }
  }

  private void resumeAccepting(long now) {
    if (acceptPausedUntil != 0 && now - acceptPausedUntil >= 0) {
      acceptPausedUntil = 0;
      acceptKey.interestOps(SelectionKey.OP_ACCEPT);
    }
  }

  /** Closes the connections whose handshake, or wait for activation, took too long; cuts idle transfers. */
  private void closeExpired(long now) {
    for (SelectionKey key : List.copyOf(selector.keys())) {
      if (key.attachment() instanceof Socks5Connection connection && !connection.closed()
          && !connection.relaying() && now - connection.deadline > 0) {
        streams.drop(connection, connection.handshaking() ? Count.HANDSHAKE_TIMEOUT : Count.ACTIVATION_TIMEOUT,
            "after " + (connection.handshaking() ? handshakeNanos : activationNanos) / 1_000_000 + " ms");
      }
    }
    streams.cutIdle(now);
  }

  private static String remote(SocketChannel channel) {
    try {
      return String.valueOf(channel.getRemoteAddress());
    } catch (IOException e) {
      return "a client";
    }
  }

  private static void close(java.nio.channels.Channel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException e) {
      // closed anyway
    }
  }
}
