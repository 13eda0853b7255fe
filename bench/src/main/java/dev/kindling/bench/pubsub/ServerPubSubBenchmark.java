package dev.kindling.bench.pubsub;

import dev.kindling.bench.LongOptions;
import dev.kindling.bench.compare.PeerProcess;
import dev.kindling.testkit.EjabberdServer;
import dev.kindling.testkit.PostgresServer;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.ServerConfig;
import dev.kindling.testkit.XmppServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * Kindling's PubSub against each server's own, through the server: the same client load ({@link ClientLoad}: one
 * publisher, {@code N} subscriptions held by up to 100 logged-in clients) against the server's {@code mod_pubsub}
 * at {@code serverpubsub.localhost} and against Kindling's PubSub component ({@link PubSubPeer}, a JVM of its
 * own, on H2 and on PostgreSQL) attached to the same server as {@code pubsub.localhost}, in the same run,
 * through Prosody and through ejabberd (the test kit's throwaway ones, and its throwaway PostgreSQL).
 *
 * <p>For each server, service and {@code N}: a fresh node (at most 10 items kept, items persisted, notification
 * type {@code normal}, open access), the subscriptions, then publishes of a 256-byte Atom entry at saturation (a
 * window of publishes kept open) for publishes acknowledged and notifications received per second, then at a
 * fixed rate, half the server's own saturated rate, for the latency from each publish to each of its
 * notifications. CPU of every process involved is read from {@code /proc} over each measured interval.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.kindling.bench.pubsub.ServerPubSubBenchmark [--smoke]
 *     [--servers prosody,ejabberd] [--sizes 1,100,10000] [--clients 100] [--databases h2,postgresql]
 *     [--service-warmup 15] [--warmup 5] [--measure 5] [--jfr DIR] [--out bench/results]
 * </pre>
 *
 * <p>Writes the table to standard output and to {@code <out>/<date>-pubsub-vs-server.md}.
 */
public final class ServerPubSubBenchmark {
  private static final String SECRET = "bench-secret";
  private static final String PUBLISHER = "pub";
  private static final Duration SETUP_LIMIT = Duration.ofSeconds(120);
  /** Prosody's own service writes a node's whole subscriber list on each new subscription: 10 000 take minutes. */
  private static final Duration SUBSCRIBE_LIMIT = Duration.ofMinutes(20);
  private static final int SUBSCRIBE_WINDOW = 200;
  private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);
  /** The node configuration every service gets (XEP-0060 §16.4.3 field names). */
  private static final Map<String, String> NODE_CONFIG = nodeConfig();

  private final Options options;
  private final Path jar;
  private final Path work;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  /** A notification as a subscriber received it, per server and service. */
  private final Map<String, String> samples = new LinkedHashMap<>();
  private int nodes;

  private record Options(boolean smoke, List<String> servers, List<Integer> sizes, int clients,
      List<String> databases, Duration serviceWarmUp, Duration warmUp, Duration measure, int payloadBytes, int outstanding, Path jfr,
      Path out) {
    static Options parse(String[] args) {
      Map<String, String> o = LongOptions.parse(args, Set.of("smoke", "servers", "sizes", "clients", "databases",
          "service-warmup", "warmup", "measure", "payload-bytes", "outstanding", "jfr", "out"));
      boolean smoke = o.containsKey("smoke");
      List<String> servers = List.of(o.getOrDefault("servers", "prosody,ejabberd").split(","));
      servers.stream().filter(s -> !s.equals("prosody") && !s.equals("ejabberd")).findFirst().ifPresent(s -> {
        throw new IllegalArgumentException("--servers: unknown server '" + s + "' (prosody, ejabberd)");
      });
      List<String> databases = List.of(o.getOrDefault("databases", smoke ? "h2" : "h2,postgresql").split(","));
      databases.stream().filter(d -> !d.equals("h2") && !d.equals("postgresql")).findFirst().ifPresent(d -> {
        throw new IllegalArgumentException("--databases: unknown database '" + d + "' (h2, postgresql)");
      });
      return new Options(smoke, servers,
          Stream.of(o.getOrDefault("sizes", smoke ? "1,5" : "1,100,10000").split(","))
              .map(s -> LongOptions.positive("sizes", s)).toList(),
          LongOptions.positive("clients", o.getOrDefault("clients", smoke ? "3" : "100")),
          databases,
          seconds("service-warmup", o.getOrDefault("service-warmup", smoke ? "1" : "15")),
          seconds("warmup", o.getOrDefault("warmup", smoke ? "0.5" : "5")),
          seconds("measure", o.getOrDefault("measure", smoke ? "0.5" : "5")),
          LongOptions.positive("payload-bytes", o.getOrDefault("payload-bytes", "256")),
          LongOptions.positive("outstanding", o.getOrDefault("outstanding", "4000")),
          o.containsKey("jfr") ? Path.of(o.get("jfr")).toAbsolutePath() : null,
          Path.of(o.getOrDefault("out", "bench/results")));
    }

    private static Duration seconds(String name, String value) {
      try {
        double parsed = Double.parseDouble(value);
        if (!(parsed > 0)) {
          throw new NumberFormatException();
        }
        return Duration.ofMillis(Math.round(parsed * 1000));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--" + name + " must be a positive number of seconds, not '" + value + "'");
      }
    }
  }

  /** A PubSub service under test: the server's own, or Kindling's on a database. */
  private record Service(String label, String domain, String database) {
    boolean own() {
      return database == null;
    }
  }

  /** CPU used over a measured interval, in % of one core; {@code others} is the rest of the machine's. */
  private record Cpu(double server, double component, double database, double client, double others) {}

  private record Row(String server, int subscriptions, int clients, Service service, ClientLoad.Phase saturated,
      double delivered, Cpu cpu, double rate, ClientLoad.Phase fixed, double fixedDelivered, String note) {}

  private ServerPubSubBenchmark(Options options) throws Exception {
    this.options = options;
    this.jar = Path.of(ServerPubSubBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    this.work = Files.createTempDirectory("kindling-pubsub-vs-server-");
  }

  /** Parses the options and runs; exits 2 on bad usage, 1 if a measurement failed. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("pubsub-vs-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    if (!new ServerPubSubBenchmark(options).run()) {
      System.exit(1);
    }
  }

  /**
   * Runs with {@code args} (as {@link #main}) and writes the table.
   *
   * @return whether every measurement ran (a service slower than another is a figure, not a failure)
   */
  static boolean run(String... args) throws Exception {
    return new ServerPubSubBenchmark(Options.parse(args)).run();
  }

  private boolean run() throws Exception {
    String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
    boolean allRan = true;
    try {
      for (String kind : options.servers()) {
        allRan &= runServer(kind);
      }
    } finally {
      deleteTree(work);
    }
    notes.add("load average (1, 5, 15 min) before: " + loadBefore + "; after: "
        + Files.readString(Path.of("/proc/loadavg")).strip());
    String table = table();
    System.out.println();
    System.out.println(table);
    Files.createDirectories(options.out());
    Path file = options.out().resolve(LocalDate.now() + (options.smoke() ? "-pubsub-vs-server-smoke.md"
        : "-pubsub-vs-server.md"));
    Files.writeString(file, table);
    System.out.println("written to " + file);
    return allRan;
  }

  private boolean runServer(String kind) throws Exception {
    List<String> subscribers = IntStream.range(0, options.clients()).mapToObj(i -> String.format("sub%03d", i))
        .toList();
    List<String> users = new ArrayList<>(List.of(PUBLISHER));
    users.addAll(subscribers);
    ServerConfig config = new ServerConfig(List.of("pubsub"), users, SECRET, work.resolve("servers"));
    long started = System.nanoTime();
    System.out.println("starting " + kind + " with " + users.size() + " users");
    boolean allRan = true;
    try (XmppServer server = kind.equals("prosody") ? ProsodyServer.start(config) : EjabberdServer.start(config)) {
      long serverPid = CpuTime.serverProcess(server);
      System.out.printf("  %s ready in %.1f s (pid %d)%n", name(server),
          (System.nanoTime() - started) / 1e9, serverPid);
      try (ClientLoad load = ClientLoad.connect(server, PUBLISHER, subscribers)) {
        Map<Integer, Double> ownRates = new HashMap<>();
        Service own = new Service(name(server) + "'s own", server.serverPubSubDomain(), null);
        load.probe(own.domain(), SETUP_LIMIT);
        warmUp(load, own);
        for (int size : options.sizes()) {
          allRan &= measure(server, serverPid, load, own, size, null, ownRates);
        }
        for (String database : options.databases()) {
          allRan &= measureKindling(server, serverPid, load, database, false, ownRates);
        }
        if (server.multicastDomain().isPresent() && options.databases().contains("h2")) {
          // the same service, its fan-outs through the server's XEP-0033 service (ejabberd's mod_multicast)
          allRan &= measureKindling(server, serverPid, load, "h2", true, ownRates);
        }
      }
    } catch (IOException e) {
      System.out.println("  failed: " + e.getMessage());
      notes.add(kind + ": " + e.getMessage());
      return false;
    }
    return allRan;
  }

  private boolean measureKindling(XmppServer server, long serverPid, ClientLoad load, String database,
      boolean multicast, Map<Integer, Double> ownRates) throws Exception {
    Service kindling = new Service("Kindling, " + (database.equals("h2") ? "H2" : "PostgreSQL")
        + (multicast ? ", XEP-0033 multicast" : ""), server.componentDomain("pubsub"), database);
    boolean allRan = true;
    try {
      String jdbcUrl = database.equals("postgresql") ? PostgresServer.shared().createDatabase().jdbcUrl() : null;
      long databasePid = database.equals("postgresql") ? PostgresServer.shared().pid() : -1;
      try (PeerProcess component = startKindling(server, database, jdbcUrl, multicast)) {
        load.probe(kindling.domain(), SETUP_LIMIT);
        warmUp(load, kindling);
        for (int size : options.sizes()) {
          allRan &= measure(server, serverPid, load, kindling, size, new long[] {component.pid(), databasePid},
              ownRates);
        }
      }
    } catch (IOException | java.sql.SQLException e) {
      System.out.println("  failed: " + e.getMessage());
      notes.add(server.kind() + ", " + kindling.label() + ": " + e.getMessage().lines().findFirst().orElse(""));
      allRan = false;
    }
    return allRan;
  }

  /**
   * Publishes to a node of its own with a few subscribers for {@code --service-warmup}, unmeasured, before a
   * service's first figure: the same for every service, and what a JVM needs before it runs compiled code (a
   * service in production has long been warm).
   */
  private void warmUp(ClientLoad load, Service service) throws IOException, InterruptedException {
    String node = "warmup" + (++nodes);
    int size = Math.min(10, load.clients());
    load.createNode(service.domain(), node, NODE_CONFIG, SETUP_LIMIT);
    load.subscribe(service.domain(), node, size, SUBSCRIBE_WINDOW, SUBSCRIBE_LIMIT);
    load.beginCase(size);
    load.startSaturation(service.domain(), node, ClientLoad.Payload.of(options.payloadBytes()), 32);
    Thread.sleep(options.serviceWarmUp().toMillis());
    load.stopLoad();
    load.drain(DRAIN_LIMIT);
  }

  /** Measures one service at one size; {@code pids} are the component's and the database's, or null. */
  private boolean measure(XmppServer server, long serverPid, ClientLoad load, Service service, int size,
      long[] pids, Map<Integer, Double> ownRates) throws InterruptedException {
    String where = name(server) + ", " + size + " subscriptions, " + service.label();
    System.out.println("measuring " + where);
    String node = "bench" + (++nodes) + "-" + size;
    try {
      long setup = System.nanoTime();
      load.createNode(service.domain(), node, NODE_CONFIG, SETUP_LIMIT);
      load.subscribe(service.domain(), node, size, SUBSCRIBE_WINDOW, SUBSCRIBE_LIMIT);
      double setupSeconds = (System.nanoTime() - setup) / 1e9;
      System.out.printf("  node and %d subscriptions in %.1f s%n", size, setupSeconds);
      ClientLoad.Payload payload = ClientLoad.Payload.of(options.payloadBytes());
      int window = (int) Math.max(2, Math.min(64, options.outstanding() / size));

      load.beginCase(size);
      load.startSaturation(service.domain(), node, payload, window);
      Thread.sleep(options.warmUp().toMillis());
      double[] before = cpu(serverPid, pids);
      ClientLoad.Phase saturated = load.measure(options.measure());
      Cpu cpu = cpuSince(before, serverPid, pids);
      load.stopLoad();
      boolean drained = load.drain(DRAIN_LIMIT);
      double delivered = load.notificationsReceived() / (double) Math.max(1, load.expectedNotifications());
      List<String> noted = new ArrayList<>();
      if (setupSeconds > 5) {
        noted.add(String.format(Locale.ROOT, "the node and its subscriptions took %.0f s to make", setupSeconds));
      }
      if (load.firstError() != null) {
        noted.add("error answer: " + abbreviate(load.firstError()));
      }
      if (!drained) {
        noted.add("not all notifications arrived within " + DRAIN_LIMIT.toSeconds() + " s");
      }
      if (load.sampleNotification() != null && !samples.containsKey(name(server) + ", " + service.label())) {
        samples.put(name(server) + ", " + service.label(), load.sampleNotification());
      }
      if (service.own()) {
        ownRates.put(size, saturated.publishesPerSecond());
      }
      double rate = Math.max(0.5, 0.5 * ownRates.getOrDefault(size, saturated.publishesPerSecond()));
      System.out.printf(Locale.ROOT, "  saturated (window %d): %.0f publishes/s, %.0f notifications/s, delivered"
          + " %.1f %%, %d stalls; CPU %% server %.0f component %.0f database %.0f client %.0f others %.0f%n",
          window, saturated.publishesPerSecond(), saturated.notificationsPerSecond(), 100 * delivered,
          saturated.stalls(), cpu.server(), cpu.component(), cpu.database(), cpu.client(), cpu.others());

      load.beginCase(size);
      load.startFixedRate(service.domain(), node, payload, rate, 4 * window);
      Thread.sleep(Math.max(250, options.warmUp().toMillis() / 2));
      ClientLoad.Phase fixed = load.measure(options.measure());
      load.stopLoad();
      load.drain(DRAIN_LIMIT);
      double fixedDelivered = load.notificationsReceived() / (double) Math.max(1, load.expectedNotifications());
      System.out.printf(Locale.ROOT, "  at %.1f publishes/s: notification p50 %.2f ms p99 %.2f ms, %d shed%n", rate,
          fixed.latency().getValueAtPercentile(50) / 1e6, fixed.latency().getValueAtPercentile(99) / 1e6,
          fixed.shed());
      if (load.connectionLost() != null) {
        noted.add(load.connectionLost());
      }
      rows.add(new Row(name(server), size, Math.min(size, load.clients()), service, saturated,
          delivered, cpu, rate, fixed, fixedDelivered, String.join("; ", noted)));
      return load.connectionLost() == null;
    } catch (IOException e) {
      System.out.println("  failed: " + e.getMessage());
      load.stopLoad();
      notes.add(where + ": failed: " + e.getMessage());
      return false;
    }
  }

  private PeerProcess startKindling(XmppServer server, String database, String jdbcUrl, boolean multicast)
      throws Exception {
    Path dir = Files.createDirectories(work.resolve("kindling-" + server.kind().name().toLowerCase(Locale.ROOT)
        + "-" + database + (multicast ? "-multicast" : "")));
    Map<String, String> values = new LinkedHashMap<>(server.kindlingConfig());
    values.put("component.pubsub.domain", server.componentDomain("pubsub"));
    values.put("data-dir", dir.resolve("data").toString());
    // Retried until the server takes it (a server still busy with the previous service's backlog may be slow to
    // answer the handshake); probe() then waits until the server routes to it.
    values.put("retry-first-connect", "true");
    // The limits that keep one user from taking more than its share would measure themselves here: lift them.
    values.put("pubsub.requests-per-second", Integer.toString(Integer.MAX_VALUE));
    values.put("pubsub.max-nodes-per-owner", Integer.toString(Integer.MAX_VALUE));
    values.put("pubsub.max-subscriptions-per-jid", Integer.toString(Integer.MAX_VALUE));
    if (jdbcUrl != null) {
      values.put("pubsub.database-url", jdbcUrl);
    }
    if (multicast) {
      values.put("multicast", server.multicastDomain().orElseThrow());
      values.put("multicast-recipients", Integer.toString(XmppServer.MULTICAST_RECIPIENTS));
    }
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-Xmx512m"));
    if (options.jfr() != null) {
      Files.createDirectories(options.jfr());
      command.add("-XX:StartFlightRecording=filename=" + options.jfr().resolve(server.kind().name()
          .toLowerCase(Locale.ROOT) + "-" + database + (multicast ? "-multicast" : "") + ".jfr") + ",settings=profile,dumponexit=true");
    }
    command.addAll(List.of("-cp", jar.toString(), PubSubPeer.class.getName()));
    values.forEach((key, value) -> command.add(key + "=" + value));
    PeerProcess process = new PeerProcess(command);
    try {
      process.awaitReady();
      return process;
    } catch (Exception e) {
      String output = process.output();
      process.close();
      throw new IOException("Kindling's PubSub did not start: " + e.getMessage() + "\n" + output, e);
    }
  }

  private static String name(XmppServer server) {
    return server instanceof ProsodyServer ? "Prosody" : "ejabberd";
  }

  private static double[] cpu(long serverPid, long[] pids) {
    return new double[] {System.nanoTime() / 1e9, CpuTime.process(serverPid),
        pids == null ? 0 : CpuTime.process(pids[0]), pids == null || pids[1] < 0 ? 0 : CpuTime.tree(pids[1]),
        CpuTime.self(), MachineLoad.now().busySeconds()};
  }

  private static Cpu cpuSince(double[] before, long serverPid, long[] pids) {
    double[] after = cpu(serverPid, pids);
    double wall = after[0] - before[0];
    double[] percent = new double[6];
    for (int i = 1; i < 6; i++) {
      percent[i] = 100 * (after[i] - before[i]) / wall;
    }
    double others = Math.max(0, percent[5] - percent[1] - percent[2] - percent[3] - percent[4]);
    return new Cpu(percent[1], percent[2], percent[3], percent[4], others);
  }

  private String table() {
    StringBuilder md = new StringBuilder();
    md.append("| server | subscriptions (clients) | service | publishes/s | notifications/s | × server's own"
        + " | delivered | bytes/notification | publish→result p50 / p99 ms | fixed rate, publishes/s"
        + " | publish→notification p50 / p99 ms | CPU % of a core: server / Kindling / PostgreSQL / client / others"
        + " | CPU µs per notification: server / Kindling (+ PostgreSQL) |\n");
    md.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      Row own = rows.stream().filter(other -> other.server().equals(row.server())
          && other.subscriptions() == row.subscriptions() && other.service().own()).findFirst().orElse(null);
      ClientLoad.Phase s = row.saturated();
      ClientLoad.Phase f = row.fixed();
      String ratio = own == null || own.saturated().notificationsPerSecond() == 0 ? "—"
          : String.format(Locale.ROOT, "%.2f", s.notificationsPerSecond() / own.saturated().notificationsPerSecond());
      String fixedRate = perSecond(row.rate()) + (f.shed() > 0 ? " (" + f.shed() + " not sent)" : "");
      String fixedLatency = millis(f.latency()) + (row.fixedDelivered() < 0.995
          ? String.format(Locale.ROOT, " (%.0f %% arrived)", 100 * row.fixedDelivered()) : "");
      Cpu c = row.cpu();
      String cpu = String.format(Locale.ROOT, "%.0f / %s / %s / %.0f / %.0f", c.server(),
          row.service().own() ? "—" : String.format(Locale.ROOT, "%.0f", c.component()),
          "postgresql".equals(row.service().database()) ? String.format(Locale.ROOT, "%.0f", c.database()) : "—",
          c.client(), c.others());
      md.append(String.join(" | ", "| " + row.server(), String.format(Locale.ROOT, "%,d (%d)", row.subscriptions(),
          row.clients()), row.service().label(), perSecond(s.publishesPerSecond()),
          perSecond(s.notificationsPerSecond()), ratio, String.format(Locale.ROOT, "%.1f %%", 100 * row.delivered()),
          String.format(Locale.ROOT, "%.0f", s.bytesPerNotification()), millis(s.ackLatency()), fixedRate,
          fixedLatency, cpu, perNotification(row))).append(" |\n");
    }
    List<String> rowNotes = new ArrayList<>();
    for (Row row : rows) {
      String stalls = row.saturated().stalls() > 0 ? row.saturated().stalls() + " stalls of 2 s" : "";
      String all = Stream.of(row.note(), stalls).filter(text -> !text.isEmpty()).reduce((a, b) -> a + "; " + b)
          .orElse("");
      if (!all.isEmpty()) {
        rowNotes.add(row.server() + ", " + row.subscriptions() + ", " + row.service().label() + ": " + all);
      }
    }
    rowNotes.addAll(notes);
    if (!rowNotes.isEmpty()) {
      md.append('\n');
      rowNotes.forEach(note -> md.append("- ").append(note).append('\n'));
    }
    if (!samples.isEmpty()) {
      md.append("\nA notification as the subscriber received it:\n\n");
      samples.forEach((where, xml) -> md.append("- ").append(where).append(": `")
          .append(xml.replaceAll("<summary>.*</summary>", "<summary>…</summary>")).append("`\n"));
    }
    return md.toString();
  }

  /** CPU microseconds per notification received, of the server and of Kindling (with PostgreSQL's). */
  private static String perNotification(Row row) {
    double notifications = row.saturated().notificationsPerSecond();
    if (notifications == 0) {
      return "—";
    }
    // % of a core → core-seconds per second → µs per notification.
    double server = row.cpu().server() * 1e4 / notifications;
    if (row.service().own()) {
      return String.format(Locale.ROOT, "%.1f / —", server);
    }
    double kindling = row.cpu().component() * 1e4 / notifications;
    double database = row.cpu().database() * 1e4 / notifications;
    return String.format(Locale.ROOT, "%.1f / %.1f", server, kindling)
        + ("postgresql".equals(row.service().database()) ? String.format(Locale.ROOT, " (+ %.1f)", database) : "");
  }

  private static String perSecond(double value) {
    return String.format(Locale.ROOT, value < 10 ? "%.2f" : value < 100 ? "%.1f" : "%,.0f", value);
  }

  private static String millis(Histogram histogram) {
    if (histogram.getTotalCount() == 0) {
      return "—";
    }
    return String.format(Locale.ROOT, "%s / %s", decimals(histogram.getValueAtPercentile(50) / 1e6),
        decimals(histogram.getValueAtPercentile(99) / 1e6));
  }

  private static String decimals(double ms) {
    return String.format(Locale.ROOT, ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%,.0f", ms);
  }

  private static String abbreviate(String xml) {
    return xml.length() <= 300 ? xml : xml.substring(0, 300) + "…";
  }

  private static Map<String, String> nodeConfig() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("pubsub#access_model", "open");
    config.put("pubsub#persist_items", "1");
    config.put("pubsub#max_items", "10");
    config.put("pubsub#deliver_payloads", "1");
    // normal, not headline: delivered to an unavailable resource's available sibling (see ClientLoad).
    config.put("pubsub#notification_type", "normal");
    config.put("pubsub#send_last_published_item", "never");
    // ejabberd notifies the retraction of each item pushed out by max_items unless told not to.
    config.put("pubsub#notify_retract", "0");
    return config;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }
}
