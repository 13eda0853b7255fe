package dev.kindling.testkit;

import dev.kindling.connection.Backoff;
import dev.kindling.connection.ComponentSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A throwaway XMPP server for tests, on 127.0.0.1 with free ports, its own configuration and data directory, a
 * component port that accepts every {@link ServerConfig#componentNames() configured component domain}, test
 * users, a MUC service and the server's own pubsub service. Never a system-wide daemon.
 *
 * <p>Usually the {@link XmppServerExtension} starts one of each kind per test run and hands it to tests; start
 * one yourself with {@link ProsodyServer#start(ServerConfig)} or {@link EjabberdServer#start(ServerConfig)} and
 * {@link #close()} it when done.
 */
public abstract class XmppServer implements AutoCloseable {
  /** The address every test server listens on. */
  public static final String HOST = "127.0.0.1";
  /** The first label of the domain of the server's own publish-subscribe service, {@link #serverPubSubDomain()}. */
  public static final String SERVER_PUBSUB = "serverpubsub";
  /** The first label of the domain of the server's own SOCKS5 proxy, {@link #serverProxyDomain()}. */
  public static final String PROXY = "proxy";
  /** The first label of the domain of the server's MUC service, {@link #mucDomain()}. */
  public static final String MUC = "conference";
  /** The addresses per stanza the test servers' multicast services accept from a component. */
  public static final int MULTICAST_RECIPIENTS = 1000;
  /** How long a server may take to become ready. */
  protected static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final ServerConfig config;
  private final int clientPort;
  private final int serverProxyPort;

  /** Creates the description of a server with a free client port; subclasses choose the component ports. */
  protected XmppServer(ServerConfig config) {
    this.config = config;
    this.clientPort = freePort();
    this.serverProxyPort = config.serverProxy() ? freePort() : 0;
  }

  /** Which server this is. */
  public abstract ServerKind kind();

  /** Starts the server again after {@link #stop()}, with the same ports, configuration and data. */
  public abstract void start() throws IOException;

  /** Stops the server, waiting until it is gone. Components connected to it lose their connection. */
  public abstract void stop() throws IOException;

  /** The last {@code lines} lines of the server's log, to print when a test fails. */
  public abstract String logTail(int lines);

  /** Stops the server for good. */
  @Override
  public void close() throws IOException {
    stop();
  }

  /** The address the server listens on, {@value #HOST}. */
  public String host() {
    return HOST;
  }

  /** The client-to-server port (plain TCP, PLAIN authentication allowed). */
  public int clientPort() {
    return clientPort;
  }

  /**
   * The XEP-0114 port the component {@code name} connects to. Prosody has one for all components; ejabberd
   * gets one listener per component, because it routes every domain of a listener to each component
   * connected to it.
   *
   * @throws IllegalArgumentException if the server does not accept {@code name}
   */
  public abstract int componentPort(String name);

  /** The server's own domain, {@code localhost}. */
  public String domain() {
    return "localhost";
  }

  /** The domain of the server's MUC service, {@code conference.localhost}. */
  public String mucDomain() {
    return MUC + "." + domain();
  }

  /**
   * The domain of the server's own XEP-0060 publish-subscribe service, {@code serverpubsub.localhost}: Prosody's
   * or ejabberd's {@code mod_pubsub}, for benchmarks and tests that compare Kindling's PubSub (the component
   * {@code pubsub}, {@code pubsub.localhost}) with it. Every test user may create nodes there; on Prosody,
   * which lets only its admins create nodes, that is because the test users are admins of this one service,
   * and so owners of every node on it.
   */
  public String serverPubSubDomain() {
    return SERVER_PUBSUB + "." + domain();
  }

  /**
   * The domain of the server's own SOCKS5 bytestreams proxy (XEP-0065, {@code mod_proxy65}),
   * {@code proxy.localhost}, if {@link ServerConfig#serverProxy()} turned it on.
   */
  public Optional<String> serverProxyDomain() {
    return config.serverProxy() ? Optional.of(PROXY + "." + domain()) : Optional.empty();
  }

  /** The SOCKS5 port of the server's own proxy, on {@link #HOST}; 0 if it has none. */
  public int serverProxyPort() {
    return serverProxyPort;
  }

  /**
   * The domain of the server's XEP-0033 multicast service, if it has one: ejabberd's {@code mod_multicast} at
   * {@code multicast.localhost}, taking up to {@link #MULTICAST_RECIPIENTS} addresses per stanza from components;
   * Prosody 0.12 has none.
   */
  public Optional<String> multicastDomain() {
    return Optional.empty();
  }

  /** The secret every component domain of this server accepts. */
  public String componentSecret() {
    return config.componentSecret();
  }

  /** What the server was set up with. */
  public ServerConfig config() {
    return config;
  }

  /**
   * The domain of the configured component {@code name}, such as {@code echo.localhost}.
   *
   * @throws IllegalArgumentException if the server does not accept {@code name}
   */
  public String componentDomain(String name) {
    if (!config.componentNames().contains(name)) {
      throw new IllegalArgumentException("component '" + name + "' is not configured on the test servers; "
          + "add it to " + XmppServerExtension.COMPONENTS_PARAMETER + " in junit-platform.properties (configured: "
          + config.componentNames() + ")");
    }
    return name + "." + domain();
  }

  /**
   * Settings that connect the component {@code name} to this server, with a short reconnection back-off
   * (250 ms to 2 s) suited to tests; change any of them on the builder.
   */
  public ComponentSettings.Builder componentSettings(String name) {
    return ComponentSettings.builder()
        .host(HOST)
        .port(componentPort(name))
        .domain(componentDomain(name))
        .secret(componentSecret())
        .serverDomain(domain())
        .backoff(new Backoff(Duration.ofMillis(250), Duration.ofSeconds(2), 0.2));
  }

  /**
   * Configuration keys that attach components to this server (host, port, secret, server domain), for
   * {@code KindlingConfig.of(...)}: components then connect as {@code <name>.localhost}.
   */
  public Map<String, String> kindlingConfig() {
    Map<String, String> keys = new java.util.HashMap<>(Map.of("host", HOST, "secret", componentSecret(),
        "server-domain", domain()));
    config.componentNames().forEach(name -> keys.put("component." + name + ".port",
        Integer.toString(componentPort(name))));
    return keys;
  }

  /** The registered users. */
  public List<TestUser> users() {
    return config.usernames().stream().map(this::user).toList();
  }

  /**
   * The registered user {@code username}.
   *
   * @throws IllegalArgumentException if there is no such user
   */
  public TestUser user(String username) {
    if (!config.usernames().contains(username)) {
      throw new IllegalArgumentException("no test user '" + username + "'; users are " + config.usernames());
    }
    return new TestUser(username, username + "-password", domain());
  }

  @Override
  public String toString() {
    return kind().displayName() + " on " + HOST + " (client port " + clientPort + ")";
  }

  /** Waits until the client and component ports accept connections, failing early if {@code process} exited. */
  protected void awaitPorts(ProcessHandle process) throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    java.util.Set<Integer> ports = new java.util.TreeSet<>();
    ports.add(clientPort);
    config.componentNames().forEach(name -> ports.add(componentPort(name)));
    for (int port : ports) {
      while (!accepts(port)) {
        if (process != null && !process.isAlive()) {
          throw new IOException(kind().displayName() + " exited while starting; its log ends:\n" + logTail(40));
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(kind().displayName() + " did not open port " + port + " within " + START_TIMEOUT
              + "; its log ends:\n" + logTail(40));
        }
        pause(Duration.ofMillis(100));
      }
    }
  }

  /** Returns {@code server} after starting it, or stops it and rethrows if it does not start. */
  protected static <S extends XmppServer> S started(S server) throws IOException {
    try {
      server.start();
      return server;
    } catch (IOException | RuntimeException e) {
      try {
        server.close();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Creates {@code dir} and its parents. */
  protected static Path directory(Path dir) {
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** The last {@code lines} lines of {@code file}, or a note that it is missing. */
  protected static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log at " + file + ": " + e.getMessage() + ")";
    }
  }

  /** Sleeps a little while polling for readiness, the only kind of waiting that has nothing to wait on. */
  protected static void pause(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the server", e);
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(HOST, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A TCP port free on {@value #HOST} right now, for a test that must name a port before something listens on it
   * (a service's configured listen port, say). Another process may take it before it is used: where the code
   * under test can bind port 0 and report the port it got, prefer that.
   *
   * @throws UncheckedIOException if no port can be had
   */
  public static int freePort() {
    return freePorts(1)[0];
  }

  /** {@code count} ports free on {@value #HOST} right now. */
  protected static int[] freePorts(int count) {
    ServerSocket[] sockets = new ServerSocket[count];
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        sockets[i] = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST));
        ports[i] = sockets[i].getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on " + HOST, e);
    } finally {
      for (ServerSocket socket : sockets) {
        try {
          if (socket != null) {
            socket.close();
          }
        } catch (IOException ignored) {
          // the port is free either way
        }
      }
    }
  }
}
