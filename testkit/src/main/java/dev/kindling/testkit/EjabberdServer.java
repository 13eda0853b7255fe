package dev.kindling.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway ejabberd (23.01, Debian's package), started through {@code ejabberdctl} on an Erlang node of its
 * own, configured from scratch: one {@code ejabberd_service} listener per configured component domain (ejabberd
 * routes every host of a listener to each component connected to it), a MUC service, its own pubsub service
 * ({@code mod_pubsub} at {@link #serverPubSubDomain()}, where anyone may create nodes), and users registered with
 * {@code ejabberdctl register}. The server's disco#items lists its services and the components connected.
 *
 * <p>{@code ejabberdctl} runs the server as the {@code ejabberd} user, so this must run as root or as that
 * user. The files live in a fresh directory under the system's temporary directory, which that user can reach
 * (a build directory under a private home often is not), and are deleted by {@link #close()}.
 */
public final class EjabberdServer extends XmppServer {
  /** The start of this test kit's Erlang node names: {@code kindling-<pid>-<n>@localhost}. */
  static final String NODE_PREFIX = "kindling-";
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final String node;
  private final java.util.Map<String, Integer> componentPorts = new java.util.LinkedHashMap<>();
  private boolean usersRegistered;
  private boolean running;
  private boolean closed;

  private EjabberdServer(ServerConfig config) throws IOException {
    super(config);
    String user = System.getProperty("user.name");
    if (!"root".equals(user) && !"ejabberd".equals(user)) {
      throw new IOException("ejabberdctl runs only as root or as the ejabberd user, not as " + user);
    }
    this.dir = Files.createTempDirectory("kindling-ejabberd-",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    this.node = NODE_PREFIX + ProcessHandle.current().pid() + "-" + INSTANCES.incrementAndGet() + "@localhost";
    int[] ports = freePorts(config.componentNames().size());
    for (int i = 0; i < ports.length; i++) {
      componentPorts.put(config.componentNames().get(i), ports[i]);
    }
    try {
      writeConfiguration();
      if ("root".equals(user)) {
        Commands.check(List.of("chown", "-R", "ejabberd:ejabberd", dir.toString()), COMMAND_TIMEOUT);
      }
    } catch (IOException | RuntimeException e) {
      deleteDirectory();
      throw e;
    }
    Epmd.SYSTEM.serverCreated();
  }

  /** Configures and starts an ejabberd, returning once it runs, its users exist and its ports accept. */
  public static EjabberdServer start(ServerConfig config) throws IOException {
    return started(new EjabberdServer(config));
  }

  @Override
  public ServerKind kind() {
    return ServerKind.EJABBERD;
  }

  /** The component's own listener: ejabberd routes every host of a listener to each component connected to it. */
  @Override
  public int componentPort(String name) {
    componentDomain(name);
    return componentPorts.get(name);
  }

  @Override
  public synchronized void start() throws IOException {
    if (running) {
      return;
    }
    Commands.check(ctl("start"), COMMAND_TIMEOUT);
    running = true;
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (Commands.run(ctl("status"), COMMAND_TIMEOUT).exitCode() != 0) {
      if (System.nanoTime() > deadline) {
        throw new IOException("ejabberd did not start within " + START_TIMEOUT + "; its log ends:\n" + logTail(40));
      }
      pause(Duration.ofMillis(250));
    }
    awaitPorts(null);
    if (!usersRegistered) {
      for (TestUser user : users()) {
        Commands.check(ctl("register", user.username(), user.domain(), user.password()), COMMAND_TIMEOUT);
      }
      usersRegistered = true;
    }
  }

  @Override
  public synchronized void stop() throws IOException {
    if (!running) {
      return;
    }
    Optional<ProcessHandle> beam = beamProcess();
    Commands.run(ctl("stop"), COMMAND_TIMEOUT);
    if (beam.isPresent()) {
      try {
        beam.get().onExit().get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        beam.get().destroyForcibly();
      }
    }
    running = false;
  }

  /**
   * Stops the server and deletes its directory, even if stopping failed. The last one closed also stops the
   * {@code epmd} the servers started, unless it ran before them or another Erlang node still uses it.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      stop();
    } finally {
      try {
        deleteDirectory();
      } finally {
        Epmd.SYSTEM.serverClosed();
      }
    }
  }

  private void deleteDirectory() throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Restarts the MUC service alone ({@code mod_admin_extra}'s {@code restart_module} of {@code mod_muc}); clients
   * and components stay connected. Its rooms come back without occupants, who are told first (status 332).
   *
   * @throws IOException if the command fails
   */
  public void restartMucService() throws IOException {
    Commands.check(ctl("restart_module", domain(), "mod_muc"), COMMAND_TIMEOUT);
  }

  @Override
  public String logTail(int lines) {
    return tail(dir.resolve("logs").resolve("ejabberd.log"), lines) + "\n"
        + tail(dir.resolve("logs").resolve("error.log"), lines);
  }

  /** The directory holding the configuration, database and logs. */
  public Path directory() {
    return dir;
  }

  private Optional<ProcessHandle> beamProcess() {
    try {
      long pid = Long.parseLong(Files.readString(dir.resolve("ejabberd.pid")).strip());
      return ProcessHandle.of(pid);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private List<String> ctl(String... arguments) {
    String ctl = Files.isExecutable(Path.of("/usr/sbin/ejabberdctl")) ? "/usr/sbin/ejabberdctl" : "ejabberdctl";
    List<String> command = new ArrayList<>(List.of(ctl,
        "--config-dir", dir.resolve("conf").toString(),
        "--logs", dir.resolve("logs").toString(),
        "--spool", dir.resolve("spool").toString(),
        "--node", node));
    command.addAll(List.of(arguments));
    return command;
  }

  @Override
  public Optional<String> multicastDomain() {
    return Optional.of("multicast." + domain());
  }

  private void writeConfiguration() throws IOException {
    Path conf = directory(dir.resolve("conf"));
    directory(dir.resolve("logs"));
    directory(dir.resolve("spool"));
    Files.writeString(conf.resolve("ejabberdctl.cfg"), String.join("\n",
        "ERL_OPTIONS=\"-env ERL_CRASH_DUMP_BYTES 0\"",
        "EJABBERD_PID_PATH=" + dir.resolve("ejabberd.pid"),
        "EJABBERD_CONFIG_PATH=" + conf.resolve("ejabberd.yml"),
        "INET_DIST_INTERFACE=127.0.0.1",
        "ERL_EPMD_ADDRESS=127.0.0.1",
        ""), StandardCharsets.UTF_8);
    Files.writeString(conf.resolve("inetrc"), "{lookup,[\"file\",\"native\"]}.\n"
        + "{host,{127,0,0,1}, [\"localhost\"]}.\n", StandardCharsets.UTF_8);

    StringBuilder yml = new StringBuilder()
        .append("# Generated by the Kindling test kit for one test run.\n")
        .append("hosts:\n  - ").append(domain()).append('\n')
        .append("loglevel: info\n")
        .append("certfiles: []\n")
        .append("auth_method: internal\n")
        .append("auth_password_format: plain\n")
        .append("listen:\n")
        .append("  - port: ").append(clientPort()).append('\n')
        .append("    ip: \"").append(HOST).append("\"\n")
        .append("    module: ejabberd_c2s\n")
        .append("    starttls_required: false\n");
    for (String name : config().componentNames()) {
      yml.append("  - port: ").append(componentPort(name)).append('\n')
          .append("    ip: \"").append(HOST).append("\"\n")
          .append("    module: ejabberd_service\n")
          .append("    hosts:\n")
          .append("      \"").append(componentDomain(name)).append("\":\n")
          .append("        password: \"").append(componentSecret()).append("\"\n");
    }
    yml.append("acl:\n  local:\n    user_regexp: \"\"\n")
        .append("access_rules:\n  local:\n    allow: local\n  c2s:\n    allow: all\n")
        .append("  pubsub_createnode:\n    allow: all\n")
        .append("modules:\n")
        .append("  mod_disco: {}\n")
        .append("  mod_admin_extra: {}\n")
        .append("  mod_ping: {}\n")
        .append("  mod_roster: {}\n")
        .append("  mod_version: {}\n")
        .append("  mod_muc:\n")
        .append("    host: \"").append(mucDomain()).append("\"\n")
        .append("    access_create: all\n")
        .append("    access_persistent: all\n")
        // The pep plugin (XEP-0163 on the users' accounts, as in ejabberd's own example configuration) needs mod_caps.
        .append("  mod_caps: {}\n")
        .append("  mod_pubsub:\n")
        .append("    host: \"").append(serverPubSubDomain()).append("\"\n")
        .append("    access_createnode: pubsub_createnode\n")
        .append("    plugins: [flat, pep]\n")
        .append("    nodetree: tree\n")
        .append("    db_type: mnesia\n")
        // XEP-0033, for fan-outs through it: a component counts as a remote sender, allowed 20 addresses by default
        .append("  mod_multicast:\n")
        .append("    host: \"").append(multicastDomain().orElseThrow()).append("\"\n")
        .append("    limits:\n      remote:\n        message: ").append(MULTICAST_RECIPIENTS).append('\n');
    if (config().serverProxy()) {
      yml.append("  mod_proxy65:\n")
          .append("    host: \"").append(serverProxyDomain().orElseThrow()).append("\"\n")
          .append("    ip: \"").append(HOST).append("\"\n")
          .append("    hostname: \"").append(HOST).append("\"\n")
          .append("    port: ").append(serverProxyPort()).append('\n')
          .append("    access: all\n");
    }
    Files.writeString(conf.resolve("ejabberd.yml"), yml, StandardCharsets.UTF_8);
  }
}
