package dev.kindling.bench.relay;

import dev.kindling.bench.pubsub.CpuTime;
import dev.kindling.bench.relay.Socks5Pairs.Pair;
import dev.kindling.bench.LongOptions;
import dev.kindling.testkit.EjabberdServer;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.ServerConfig;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.jingle.Socks5Client;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Relay throughput, Kindling's against the server's own {@code mod_proxy65} and against the same two clients
 * connected directly over loopback (the ceiling for any relay), through a throwaway Prosody and ejabberd, in one
 * run with the same clients: one large transfer, 100 at once, 1 000 at once; and the memory each relay takes per
 * waiting and per active transfer. The clients negotiate as XEP-0065 does (both SOCKS5 connections, then the
 * initiator's activation IQ from a logged-in Smack client), then move bytes one way.
 */
public final class RelayBenchmark {
  private static final String SECRET = "bench-secret";
  private static final String TARGET = "bob@localhost/bench";

  /** One figure. */
  private record Row(String server, String relay, String workload, long transfers, long bytes, double seconds,
      double cpuSeconds) {
    double mibPerSecond() {
      return bytes / seconds / (1 << 20);
    }
  }

  /** A relay under test: its JID (none for the direct connection), its SOCKS5 address and its process. */
  private record Relay(String name, String jid, String host, int port, long pid) {}

  private final Map<String, String> options;
  private final boolean smoke;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> memory = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private final Path jar;
  private SmackClient alice;
  /** Numbers the bytestreams; pairs are opened from several threads at once. */
  private final AtomicLong sid = new AtomicLong();

  private RelayBenchmark(Map<String, String> options) throws Exception {
    this.options = options;
    this.smoke = options.containsKey("smoke");
    this.jar = Path.of(RelayBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Runs the benchmark with command-line {@code args}. */
  public static void main(String[] args) throws Exception {
    System.exit(run(args) ? 0 : 1);
  }

  /** Runs it; whether every figure was measured. */
  public static boolean run(String... args) throws Exception {
    Map<String, String> options = LongOptions.parse(args, Set.of("smoke", "out", "servers", "large-mib", "each-mib", "concurrent",
        "thousand", "rounds"));
    return new RelayBenchmark(options).runAll();
  }

  private long option(String name, long normal, long smokeValue) {
    return Long.parseLong(options.getOrDefault(name, Long.toString(smoke ? smokeValue : normal)));
  }

  private boolean runAll() throws Exception {
    Path work = Files.createTempDirectory("kindling-relay-bench");
    for (String kind : options.getOrDefault("servers", "prosody,ejabberd").split(",")) {
      ServerConfig config = new ServerConfig(List.of("relay"), List.of("alice"), SECRET, work).withServerProxy();
      try (XmppServer server = kind.equals("prosody") ? ProsodyServer.start(config) : EjabberdServer.start(config)) {
        measure(server);
      }
    }
    String table = table();
    System.out.println(table);
    Path out = Path.of(options.getOrDefault("out", "bench/results"));
    Files.createDirectories(out);
    Files.writeString(out.resolve(LocalDate.now() + (smoke ? "-relay-smoke.md" : "-relay.md")), table);
    return failures.isEmpty();
  }

  private void measure(XmppServer server) throws Exception {
    String name = server instanceof ProsodyServer ? "Prosody" : "ejabberd";
    int socksPort = XmppServer.freePort();
    Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xms128m",
        "-Xmx128m", "-XX:+AlwaysPreTouch", "-cp",
        jar.toString(), RelayProcess.class.getName(), server.host(), Integer.toString(server.componentPort("relay")),
        server.domain(), SECRET, Integer.toString(socksPort)).redirectErrorStream(true)
        .redirectOutput(work("relay-" + name + ".log").toFile()).start();
    try (SmackClient client = SmackClient.login(server, "alice");
         ServerSocket listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress())) {
      alice = client;
      Relay kindling = relay("Kindling", server.componentDomain("relay"), process.pid());
      Relay own = relay(name + " mod_proxy65", server.serverProxyDomain().orElseThrow(), CpuTime.serverProcess(server));
      long large = option("large-mib", 1024, 32) << 20;
      long each = option("each-mib", 16, 1) << 20;
      int concurrent = (int) option("concurrent", 100, 10);
      int thousand = (int) option("thousand", 1000, 50);
      for (Relay relay : List.of(kindling, own)) {
        run(name, relay, listener, "warm-up", 1, large / 4);
      }
      rows.removeIf(row -> row.workload().equals("warm-up"));
      for (int round = 0; round < option("rounds", 3, 1); round++) {
        for (Relay relay : List.of(direct(), kindling, own)) {
          run(name, relay, listener, "1 × " + (large >> 20) + " MiB", 1, large);
          run(name, relay, listener, concurrent + " × " + (each >> 20) + " MiB", concurrent, each);
        }
      }
      for (Relay relay : List.of(direct(), kindling, own)) {
        run(name, relay, listener, thousand + " × 1 MiB", thousand, 1 << 20);
      }
      for (Relay relay : List.of(kindling, own)) {
        memory(name, relay, thousand);
      }
    } catch (Exception e) {
      failures.add(name + ": " + e);
      e.printStackTrace();
    } finally {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private Path work(String file) throws IOException {
    Path dir = Path.of(System.getProperty("java.io.tmpdir"), "kindling-relay-bench-logs");
    Files.createDirectories(dir);
    return dir.resolve(file);
  }

  private static Relay direct() {
    return new Relay("direct", null, null, 0, 0);
  }

  /** The relay at {@code jid}, its SOCKS5 address asked of it (XEP-0065 §6.3.1), once it answers. */
  private Relay relay(String name, String jid, long pid) throws Exception {
    Bytestream query = new Bytestream();
    query.setType(IQ.Type.get);
    query.setTo(JidCreate.from(jid));
    Exception last = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      try {
        Bytestream answer = alice.connection().sendIqRequestAndWaitForResponse(query);
        Bytestream.StreamHost host = answer.getStreamHosts().iterator().next();
        return new Relay(name, jid, host.getAddress().toString(), host.getPort(), pid);
      } catch (Exception e) {
        last = e;
        Thread.sleep(500);
      }
    }
    throw new IOException(name + " at " + jid + " does not answer its streamhost query", last);
  }

  /** Opens one pair through {@code relay} and activates it. */
  private Pair open(Relay relay, ServerSocket listener) throws Exception {
    if (relay.jid() == null) {
      return Socks5Pairs.direct(listener);
    }
    String id = "bench-" + sid.getAndIncrement();
    String initiator = alice.connection().getUser().toString();
    Pair pair = Socks5Pairs.viaProxy(relay.host(), relay.port(), Socks5Client.hash(id, initiator, TARGET));
    activate(relay, id);
    return pair;
  }

  private void activate(Relay relay, String id) throws Exception {
    Bytestream activation = new Bytestream(id);
    activation.setType(IQ.Type.set);
    activation.setTo(JidCreate.from(relay.jid()));
    activation.setToActivate(JidCreate.from(TARGET));
    alice.connection().sendIqRequestAndWaitForResponse(activation);
  }

  /** {@code count} transfers of {@code bytes} each at once through {@code relay}: opened, then all started. */
  private void run(String server, Relay relay, ServerSocket listener, String workload, int count, long bytes) {
    ExecutorService threads = Executors.newFixedThreadPool(Math.min(64, count));
    List<Pair> pairs = new ArrayList<>();
    try {
      List<CompletableFuture<Pair>> opening = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        opening.add(CompletableFuture.supplyAsync(() -> {
          try {
            return open(relay, listener);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        }, threads));
      }
      for (CompletableFuture<Pair> pair : opening) {
        pairs.add(pair.get(120, TimeUnit.SECONDS));
      }
      ExecutorService movers = Executors.newFixedThreadPool(2 * count);
      AtomicLong received = new AtomicLong();
      double cpu = relay.pid() == 0 ? 0 : CpuTime.process(relay.pid());
      long start = System.nanoTime();
      List<CompletableFuture<?>> moving = new ArrayList<>();
      for (Pair pair : pairs) {
        moving.add(CompletableFuture.runAsync(() -> Socks5Pairs.send(pair, bytes), movers));
        moving.add(CompletableFuture.runAsync(() -> received.addAndGet(Socks5Pairs.receive(pair)), movers));
      }
      CompletableFuture.allOf(moving.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = relay.pid() == 0 ? 0 : CpuTime.process(relay.pid()) - cpu;
      movers.shutdown();
      if (received.get() != bytes * count) {
        throw new IOException("received " + received.get() + " of " + bytes * count + " bytes");
      }
      rows.add(new Row(server, relay.name(), workload, count, bytes * count, seconds, cpuSeconds));
      System.err.printf("bench: %s %s %s: %.0f MiB/s%n", server, relay.name(), workload,
          rows.get(rows.size() - 1).mibPerSecond());
    } catch (Exception e) {
      failures.add(server + " " + relay.name() + " " + workload + ": " + e);
      rows.add(new Row(server, relay.name(), workload + " (failed: " + e.getMessage() + ")", count, 0, 1, 0));
    } finally {
      Socks5Pairs.closeAll(pairs);
      threads.shutdown();
    }
  }

  /**
   * The relay's resident memory per transfer: {@code count} pairs connected and waiting, then activated with 256 KiB
   * sent each way that nobody reads (so every buffer on the way is full).
   */
  private void memory(String server, Relay relay, int count) {
    List<Pair> pairs = new ArrayList<>();
    try {
      Thread.sleep(2_000);
      long before = memory(relay);
      List<String> ids = new ArrayList<>();
      String initiator = alice.connection().getUser().toString();
      for (int i = 0; i < count; i++) {
        String id = "memory-" + sid.getAndIncrement();
        ids.add(id);
        pairs.add(Socks5Pairs.viaProxy(relay.host(), relay.port(), Socks5Client.hash(id, initiator, TARGET)));
      }
      Thread.sleep(1_000);
      long waiting = memory(relay);
      byte[] data = new byte[256 << 10];
      for (int i = 0; i < count; i++) {
        activate(relay, ids.get(i));
        Pair pair = pairs.get(i);
        CompletableFuture.runAsync(() -> write(pair.initiator(), data));
        CompletableFuture.runAsync(() -> write(pair.target(), data));
      }
      Thread.sleep(3_000);
      long active = memory(relay);
      memory.add(String.format("| %s | %s | %d | %.1f | %.1f |", server, relay.name(), count,
          (waiting - before) / 1024.0 / count, (active - before) / 1024.0 / count));
    } catch (Exception e) {
      failures.add(server + " " + relay.name() + " memory: " + e);
      memory.add("| " + server + " | " + relay.name() + " | " + count + " | failed: " + e.getMessage() + " | |");
    } finally {
      Socks5Pairs.closeAll(pairs);
    }
  }

  private static void write(java.net.Socket socket, byte[] data) {
    try {
      socket.getOutputStream().write(data);
    } catch (IOException e) {
      // the pair was closed at the end of the measurement
    }
  }

  /**
   * The memory {@code relay} holds: its resident set, plus for Kindling's JVM (whose heap is committed and touched
   * in full from the start, so it adds nothing to the resident set as it fills) the heap in use after a full GC.
   */
  private static long memory(Relay relay) throws IOException, InterruptedException {
    if (!relay.name().equals("Kindling")) {
      return rss(relay.pid());
    }
    Path jcmd = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jcmd");
    command(jcmd.toString(), Long.toString(relay.pid()), "GC.run");
    java.util.regex.Matcher used = java.util.regex.Pattern.compile("used (\\d+)K")
        .matcher(command(jcmd.toString(), Long.toString(relay.pid()), "GC.heap_info"));
    if (!used.find()) {
      throw new IOException("jcmd GC.heap_info gave no heap in use");
    }
    return rss(relay.pid()) + Long.parseLong(used.group(1)) * 1024;
  }

  private static String command(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    process.waitFor(30, TimeUnit.SECONDS);
    return output;
  }

  /** Resident set size of {@code pid} in bytes. */
  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
      }
    }
    throw new IOException("no VmRSS for " + pid);
  }

  private String table() {
    StringBuilder out = new StringBuilder("# Relay benchmark, " + LocalDate.now() + (smoke ? " (smoke)" : "")
        + "\n\nThroughput of the same clients (Java blocking sockets, 64 KiB writes and reads, XEP-0065 handshake and"
        + " activation) directly over loopback, through Kindling's relay and through the server's mod_proxy65; the"
        + " best of the rounds. Relay CPU is the relay process's (for mod_proxy65: the whole server's) during the"
        + " transfer. 2 shared cores: clients and relay compete for them.\n\n"
        + "| server | workload | relay | MiB/s | of direct | of mod_proxy65 | relay CPU s/GiB |\n"
        + "|---|---|---|---|---|---|---|\n");
    List<String> seen = new ArrayList<>();
    for (Row row : rows) {
      String key = row.server() + "|" + row.workload() + "|" + row.relay();
      if (seen.contains(key)) {
        continue;
      }
      seen.add(key);
      Row best = best(row.server(), row.workload(), row.relay());
      Row direct = best(row.server(), row.workload(), "direct");
      Row own = rows.stream().filter(other -> other.server().equals(row.server())
          && other.workload().equals(row.workload()) && other.relay().endsWith("mod_proxy65")).findFirst()
          .map(other -> best(other.server(), other.workload(), other.relay())).orElse(null);
      out.append(String.format("| %s | %s | %s | %,.0f | %s | %s | %s |%n", row.server(), row.workload(), row.relay(),
          best.mibPerSecond(), direct == null ? "" : String.format("%.2f", best.mibPerSecond() / direct.mibPerSecond()),
          own == null || row.relay().equals("direct") ? "" : String.format("%.2f", best.mibPerSecond()
              / own.mibPerSecond()), row.relay().equals("direct") ? "" : String.format("%.2f",
              best.cpuSeconds() / (best.bytes() / (double) (1 << 30)))));
    }
    out.append("\nResident memory of the relay process per transfer (KiB): its connections waiting for activation,"
        + " then active with every buffer full.\n\n| server | relay | transfers | KiB per waiting | KiB per active |\n"
        + "|---|---|---|---|---|\n");
    memory.forEach(line -> out.append(line).append('\n'));
    failures.forEach(failure -> out.append("\nfailed: ").append(failure).append('\n'));
    return out.toString();
  }

  private Row best(String server, String workload, String relay) {
    return rows.stream().filter(row -> row.server().equals(server) && row.workload().equals(workload)
        && row.relay().equals(relay)).max(java.util.Comparator.comparingDouble(Row::mibPerSecond)).orElse(null);
  }
}
