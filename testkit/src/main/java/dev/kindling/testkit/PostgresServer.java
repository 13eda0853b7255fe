package dev.kindling.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A throwaway PostgreSQL 15 (Debian's package {@code postgresql}) on {@value XmppServer#HOST} with a free port,
 * in a fresh directory of its own, for tests of SQL stores against the database they run on in production: an
 * in-memory stand-in differs exactly where stores go wrong (locking, isolation, {@code ON CONFLICT}, what
 * survives a crash). Never the system's cluster.
 *
 * <pre>{@code
 * PostgresServer.Database database = PostgresServer.shared().createDatabase();
 * try (Connection connection = DriverManager.getConnection(database.jdbcUrl())) {
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #shared()} starts one per JVM on first use (about two seconds) and a shutdown hook stops it and
 * deletes its files; each test takes a {@link #createDatabase() database of its own} from it, which is cheap.
 * {@link #startNew()} starts one that the caller {@link #close() closes}, for a test that stops or crashes it.
 * The one user, {@value #USER}, is a superuser, and the server trusts every local connection: no password.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root, so when this JVM runs as root the server runs as
 * the {@code postgres} user ({@code runuser}), in a directory under {@code /tmp} that user owns. Its log is
 * {@code postgres.log} in {@link #directory()}. {@code fsync} stays on, so what a transaction committed
 * survives {@link #crash()}. Methods that start, stop or crash the server hold this object's lock.
 */
public final class PostgresServer implements AutoCloseable {
  /** Where Debian's package installs PostgreSQL 15's programs. */
  public static final Path BIN = Path.of("/usr/lib/postgresql/15/bin");
  /** The superuser {@code initdb} creates, and the only user. */
  public static final String USER = "kindling";

  private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  /** Tests open pools of their own, several per test class at times; PostgreSQL's default is 100. */
  private static final int MAX_CONNECTIONS = 200;
  private static final AtomicInteger DATABASES = new AtomicInteger();

  /** Guarded by {@code PostgresServer.class}. */
  private static PostgresServer shared;
  /** Why the shared server could not start, so that every later test reports the same; guarded as above. */
  private static IOException sharedFailure;

  private final Path dir;
  private final Path data;
  private final int port;
  private final boolean asRoot;
  private long pid;
  private boolean running;
  private boolean closed;

  /** A database of its own for one test, created by {@link #createDatabase()}. */
  public record Database(String name, String jdbcUrl) {}

  private PostgresServer() throws IOException {
    if (!Files.isExecutable(BIN.resolve("initdb")) || !Files.isExecutable(BIN.resolve("pg_ctl"))) {
      throw new IOException("PostgreSQL 15 not found at " + BIN + ": run scripts/install-deps");
    }
    this.asRoot = "root".equals(System.getProperty("user.name"));
    this.port = XmppServer.freePort();
    // Not java.io.tmpdir, which a build may point into a home directory the postgres user cannot traverse.
    this.dir = Files.createTempDirectory(Path.of("/tmp"), "kindling-pg-" + ProcessHandle.current().pid() + "-");
    this.data = dir.resolve("data");
    try {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      if (asRoot) {
        Commands.check(List.of("chown", "postgres:postgres", dir.toString()), TIMEOUT);
      }
      // --no-sync: only what initdb writes goes unsynced, and only an operating system crash could lose it.
      Commands.check(command(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
          "-E", "UTF8", "--no-locale", "--no-sync"), TIMEOUT);
      Files.writeString(data.resolve("postgresql.conf"), String.join("\n",
          "",
          "# Added by the Kindling test kit.",
          "listen_addresses = '" + XmppServer.HOST + "'",
          "port = " + port,
          "unix_socket_directories = '" + dir + "'",
          "max_connections = " + MAX_CONNECTIONS,
          ""), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException | RuntimeException e) {
      deleteDirectory();
      throw e;
    }
  }

  /**
   * The PostgreSQL every test of this JVM shares, started on first use and stopped, its files deleted, when the
   * JVM exits. A test that {@link #stop() stops} it must {@link #start() start} it again.
   *
   * @throws IOException if it cannot start, now or at the first try (PostgreSQL not installed, say)
   */
  public static PostgresServer shared() throws IOException {
    synchronized (PostgresServer.class) {
      if (sharedFailure != null) {
        throw new IOException("the shared PostgreSQL could not start: " + sharedFailure.getMessage(), sharedFailure);
      }
      if (shared == null) {
        try {
          PostgresServer server = new PostgresServer();
          // Registered before starting, so that a server half started is stopped too.
          Runtime.getRuntime().addShutdownHook(new Thread(server::closeAtExit, "kindling-postgres-stop"));
          server.start();
          shared = server;
        } catch (IOException e) {
          sharedFailure = e;
          throw e;
        }
      }
      return shared;
    }
  }

  /**
   * Starts a PostgreSQL of its own, not the shared one, returning once it accepts connections; the caller
   * {@link #close() closes} it.
   *
   * @throws IOException if PostgreSQL is not installed or does not start
   */
  public static PostgresServer startNew() throws IOException {
    PostgresServer server = new PostgresServer();
    try {
      server.start();
      return server;
    } catch (IOException | RuntimeException e) {
      try {
        server.closeForGood();
      } catch (IOException | RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /**
   * Starts the server again after {@link #stop()} or {@link #crash()}, with the same port and data (after a
   * crash PostgreSQL first replays its write-ahead log); returns once it accepts connections. Does nothing if
   * it runs.
   *
   * @throws IOException if it does not start within a minute, with the end of its log
   * @throws IllegalStateException if it was closed
   */
  public synchronized void start() throws IOException {
    if (closed) {
      throw new IllegalStateException("PostgreSQL at " + dir + " was closed; its files are gone");
    }
    if (running) {
      return;
    }
    try {
      Commands.check(command(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", logFile().toString(),
          "-w", "-t", Long.toString(TIMEOUT.toSeconds()), "start"), TIMEOUT.plusSeconds(10));
    } catch (IOException e) {
      throw new IOException("PostgreSQL did not start on port " + port + ": " + e.getMessage() + "\nits log ends:\n"
          + logTail(40), e);
    }
    running = true;
    // pg_ctl -w returns once the postmaster has written this file and accepts connections.
    pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
  }

  /**
   * Stops the server ({@code pg_ctl stop -m fast}: open connections are closed, transactions in flight roll
   * back) and waits until its postmaster is gone. The data stays for {@link #start()}. Does nothing if it is
   * stopped.
   *
   * @throws IOException if it does not stop within a minute
   */
  public synchronized void stop() throws IOException {
    if (!running) {
      return;
    }
    Commands.Result result = Commands.run(command(BIN.resolve("pg_ctl").toString(), "-D", data.toString(),
        "-m", "fast", "-w", "-t", Long.toString(TIMEOUT.toSeconds()), "stop"), TIMEOUT.plusSeconds(10));
    Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
    if (result.exitCode() != 0 && postmaster.map(ProcessHandle::isAlive).orElse(false)) {
      throw new IOException("PostgreSQL (pid " + pid + ") did not stop: " + result.output());
    }
    if (postmaster.isPresent()) {
      awaitExit(List.of(postmaster.get()));
    }
    running = false;
  }

  /**
   * Kills the postmaster and every process it started with {@code SIGKILL}, as a power cut would end them
   * (without losing what the operating system had written), and waits until they are gone. {@link #start()}
   * then recovers: what was committed is there, what was in flight is not. Does nothing if it is stopped.
   *
   * @throws IOException if a process outlives the kill for a minute
   */
  public synchronized void crash() throws IOException {
    if (!running) {
      return;
    }
    Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
    if (postmaster.isPresent()) {
      List<ProcessHandle> all = new ArrayList<>();
      all.add(postmaster.get());
      all.addAll(postmaster.get().descendants().toList());
      // The postmaster first, so that it cannot start a process in place of one killed.
      all.forEach(ProcessHandle::destroyForcibly);
      awaitExit(all);
    }
    running = false;
  }

  /**
   * Stops this server and deletes its directory, even if stopping failed. Does nothing the second time.
   *
   * @throws UnsupportedOperationException on the {@link #shared()} server, which stops when the JVM exits
   */
  @Override
  public void close() throws IOException {
    synchronized (PostgresServer.class) {
      if (this == shared) {
        throw new UnsupportedOperationException("the shared PostgreSQL stops when the JVM exits; stop() it to "
            + "restart it, or take one of your own with PostgresServer.startNew()");
      }
    }
    closeForGood();
  }

  /**
   * Creates a database with a name no other database of this JVM has, owned by {@value #USER}: a test's own,
   * with nothing in it.
   *
   * @throws SQLException if the server refuses it
   */
  public Database createDatabase() throws SQLException {
    String name = "test_" + DATABASES.incrementAndGet();
    Properties timeouts = new Properties();
    timeouts.setProperty("connectTimeout", "10");
    timeouts.setProperty("socketTimeout", Long.toString(TIMEOUT.toSeconds()));
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), timeouts);
         Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return new Database(name, jdbcUrl(name));
  }

  /**
   * The JDBC URL of {@code database} on this server, with the user: {@code
   * jdbc:postgresql://127.0.0.1:<port>/<database>?user=kindling}. {@code postgres} is the one that always exists.
   *
   * @throws IllegalArgumentException if {@code database} is not letters, digits and {@code _}
   */
  public String jdbcUrl(String database) {
    if (database == null || !database.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("database name '" + database + "' is not letters, digits and '_'");
    }
    return "jdbc:postgresql://" + XmppServer.HOST + ":" + port + "/" + database + "?user=" + USER;
  }

  /** The one user, {@value #USER}: a superuser, with no password. */
  public String user() {
    return USER;
  }

  /** The address the server listens on, {@value XmppServer#HOST}. */
  public String host() {
    return XmppServer.HOST;
  }

  /** The TCP port the server listens on; the same after a restart. */
  public int port() {
    return port;
  }

  /**
   * The process id of the running postmaster, the process every other one of the server descends from.
   *
   * @throws IllegalStateException if the server is not running
   */
  public synchronized long pid() {
    if (!running) {
      throw new IllegalStateException("PostgreSQL on port " + port + " is not running");
    }
    return pid;
  }

  /** The directory holding the data ({@code data/}), the socket and the log ({@code postgres.log}). */
  public Path directory() {
    return dir;
  }

  /** The last {@code lines} lines of the server's log, to print when a test fails. */
  public String logTail(int lines) {
    return XmppServer.tail(logFile(), lines);
  }

  @Override
  public String toString() {
    return "PostgreSQL 15 on " + XmppServer.HOST + ":" + port + " (files in " + dir + ")";
  }

  private Path logFile() {
    return dir.resolve("postgres.log");
  }

  /** The shutdown hook's work: nowhere to rethrow to, so a failure is logged. */
  private void closeAtExit() {
    try {
      closeForGood();
    } catch (IOException | RuntimeException e) {
      log.warn("could not stop {}: {}", this, e.getMessage(), e);
    }
  }

  private synchronized void closeForGood() throws IOException {
    if (closed) {
      return;
    }
    try {
      stop();
    } finally {
      closed = true;
      deleteDirectory();
    }
  }

  /**
   * {@code program} with {@code arguments}, run as the {@code postgres} user when this JVM is root (PostgreSQL
   * refuses root), in the server's directory (initdb fails where that user cannot read the working directory),
   * without the {@code PG*} variables that would point PostgreSQL's tools elsewhere.
   */
  private ProcessBuilder command(String program, String... arguments) {
    List<String> command = new ArrayList<>();
    if (asRoot) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(program);
    command.addAll(List.of(arguments));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
    return builder;
  }

  private static void awaitExit(List<ProcessHandle> processes) throws IOException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    for (ProcessHandle process : processes) {
      try {
        process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for PostgreSQL's process " + process.pid() + " to exit", e);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        throw new IOException("PostgreSQL's process " + process.pid() + " did not exit within " + TIMEOUT, e);
      }
    }
  }

  private void deleteDirectory() throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
