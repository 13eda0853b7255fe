package dev.kindling.bench.mucbot;

import dev.kindling.bench.compare.PeerProcess;
import dev.kindling.bench.peers.CeilingMucPeer;
import dev.kindling.bench.peers.KindlingMucPeer;
import dev.kindling.bench.pubsub.CpuTime;
import dev.kindling.bench.LongOptions;
import dev.kindling.testkit.EjabberdServer;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.ServerConfig;
import dev.kindling.testkit.XmppServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Commands answered per second by a MUC bot through a real server, in one room and across 100: Kindling's bot
 * ({@link KindlingMucPeer}), a slixmpp bot with {@code xep_0045} ({@code bench/peers/slixmpp/mucbot.py}), and the
 * ceiling ({@link CeilingMucPeer}: what the server's MUC passes), each a component process of its own answering
 * {@code !echo}, in the same run with the same load ({@link RoomLoad}); with each bot's and the server's CPU per
 * answered command, read from {@code /proc}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.kindling.bench.mucbot.MucBotBenchmark [--smoke]
 *     [--servers prosody,ejabberd] [--rooms 1,100] [--bots ceiling,kindling,slixmpp] [--warmup 180] [--measure 15]
 *     [--out bench/results]
 * </pre>
 *
 * <p>Writes the table to standard output and to {@code <out>/<date>-mucbot.md} ({@code -mucbot-smoke.md}).
 */
public final class MucBotBenchmark {
  private static final String SECRET = "bench-secret";
  private static final Duration BOT_LIMIT = Duration.ofSeconds(60);

  /** One measured figure. */
  record Row(String server, int rooms, String bot, double answersPerSecond, double botMicros, double serverMicros,
      double warmUpSeconds) {}

  /** A window of the warm-up, for the smoke run's and the settled test's sake: 5 s, 1 s in a smoke run. */
  private Duration warmUpWindow() {
    return Duration.ofSeconds(smoke ? 1 : 5);
  }

  private final Map<String, String> options;
  private final boolean smoke;
  private final Path jar;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();

  private MucBotBenchmark(Map<String, String> options) throws Exception {
    this.options = options;
    this.smoke = options.containsKey("smoke");
    this.jar = Path.of(MucBotBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  /** Runs the benchmark with command-line {@code args}. */
  public static void main(String[] args) throws Exception {
    System.exit(run(args) ? 0 : 1);
  }

  /** Runs it; whether every figure was measured. */
  public static boolean run(String... args) throws Exception {
    Map<String, String> options = LongOptions.parse(args, Set.of("smoke", "out", "servers", "rooms", "bots", "warmup", "measure"));
    return new MucBotBenchmark(options).runAll();
  }

  private String option(String name, String normal, String smokeValue) {
    return options.getOrDefault(name, smoke ? smokeValue : normal);
  }

  private boolean runAll() throws Exception {
    Path work = Files.createTempDirectory("kindling-mucbot-bench");
    for (String kind : option("servers", "prosody,ejabberd", "prosody,ejabberd").split(",")) {
      ServerConfig config = new ServerConfig(List.of("bots"), List.of(RoomLoad.USER), SECRET, work);
      try (XmppServer server = kind.equals("prosody") ? ProsodyServer.start(config) : EjabberdServer.start(config)) {
        long serverPid = CpuTime.serverProcess(server);
        for (String size : option("rooms", "1,100", "1,5").split(",")) {
          measureSize(server, serverPid, Integer.parseInt(size));
        }
      }
    }
    String table = table();
    System.out.println(table);
    Path out = Path.of(options.getOrDefault("out", "bench/results"));
    Files.createDirectories(out);
    Files.writeString(out.resolve(LocalDate.now() + (smoke ? "-mucbot-smoke.md" : "-mucbot.md")), table);
    return failures.isEmpty();
  }

  private void measureSize(XmppServer server, long serverPid, int size) throws Exception {
    String name = server instanceof ProsodyServer ? "Prosody" : "ejabberd";
    List<String> rooms = IntStream.range(0, size).mapToObj(i -> "bench" + size + "-" + i + "@" + server.mucDomain())
        .toList();
    try (RoomLoad load = RoomLoad.enter(server, rooms)) {
      for (String bot : option("bots", "ceiling,kindling,slixmpp", "ceiling,kindling,slixmpp").split(",")) {
        try (PeerProcess process = new PeerProcess(command(bot, server, rooms))) {
          process.awaitReady();
          load.awaitBot(BOT_LIMIT);
          int window = Math.max(32, 2 * size);
          double warmedUp = warmUp(load, process, window, Long.parseLong(option("warmup", "180", "1")));
          load.drain(Duration.ofSeconds(10));
          double botBefore = process.cpuSeconds();
          double serverBefore = CpuTime.process(serverPid);
          long start = System.nanoTime();
          long answered = load.saturate(Duration.ofSeconds(Long.parseLong(option("measure", "15", "2"))), window);
          double seconds = (System.nanoTime() - start) / 1e9;
          double botCpu = process.cpuSeconds() - botBefore;
          double serverCpu = CpuTime.process(serverPid) - serverBefore;
          load.drain(Duration.ofSeconds(10));
          if (answered == 0) {
            throw new IOException("no command answered");
          }
          rows.add(new Row(name, size, bot, answered / seconds, botCpu * 1e6 / answered, serverCpu * 1e6 / answered,
              warmedUp));
          System.out.printf("  %s, %d rooms, %s: %.0f answers/s, %.1f µs bot CPU and %.1f µs server CPU each%n",
              name, size, bot, answered / seconds, botCpu * 1e6 / answered, serverCpu * 1e6 / answered);
        } catch (Exception e) {
          failures.add(name + ", " + size + " rooms, " + bot + ": " + e.getMessage());
          System.out.printf("  %s, %d rooms, %s failed: %s%n", name, size, bot, e);
          load.drain(Duration.ofSeconds(5));
        }
      }
    }
  }

  /**
   * Loads the bot in windows until its CPU per answer settles (two windows within 10 % of each other: a JVM's
   * just-in-time compiler has done most of its work) or {@code maxSeconds} pass, so that every bot is measured in
   * its steady state however many commands the server lets through.
   *
   * @return the seconds it took
   */
  private double warmUp(RoomLoad load, PeerProcess process, int window, long maxSeconds) throws IOException {
    long start = System.nanoTime();
    double previous = Double.NaN;
    while ((System.nanoTime() - start) / 1e9 < maxSeconds) {
      double before = process.cpuSeconds();
      long answered = load.saturate(warmUpWindow(), window);
      if (answered == 0) {
        throw new IOException("no command answered in a warm-up window");
      }
      double perAnswer = (process.cpuSeconds() - before) / answered;
      if (Math.abs(perAnswer - previous) <= 0.1 * previous) {
        break;
      }
      previous = perAnswer;
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private List<String> command(String bot, XmppServer server, List<String> rooms) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(switch (bot) {
      case "ceiling" -> List.of(java, "-Xmx256m", "-cp", jar.toString(), CeilingMucPeer.class.getName());
      case "kindling" -> javaPeer(java, KindlingMucPeer.class.getName());
      // bench/target/benchmarks.jar (or bench/target/classes) → bench/peers, whatever the working directory
      case "slixmpp" -> List.of("/usr/bin/python3", jar.toAbsolutePath().getParent().getParent()
          .resolve(Path.of("peers", "slixmpp", "mucbot.py")).toString());
      default -> throw new IllegalArgumentException("unknown bot " + bot + " (ceiling, kindling, slixmpp)");
    });
    command.addAll(List.of(server.host(), Integer.toString(server.componentPort("bots")), server.componentDomain("bots"),
        SECRET, String.join(",", rooms)));
    return command;
  }

  /** A JVM peer, with {@code KINDLING_BENCH_PEER_JVM_OPTIONS} (a profiler, say) as the other benchmarks take it. */
  private List<String> javaPeer(String java, String main) {
    List<String> command = new ArrayList<>(List.of(java, "-Xmx512m"));
    String extra = System.getenv("KINDLING_BENCH_PEER_JVM_OPTIONS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.addAll(List.of("-cp", jar.toString(), main));
    return command;
  }

  private String table() {
    StringBuilder out = new StringBuilder("# MUC bot benchmark, " + LocalDate.now() + (smoke ? " (smoke)" : "") + "\n\n"
        + "Commands (`!echo`) answered per second through the server by each bot, the same load for all; the ceiling"
        + " is a bot that parses nothing (what the server's MUC passes). CPU per answered command from /proc.\n\n"
        + "Each bot was warmed up until its CPU per answer settled (two windows of " + warmUpWindow().toSeconds()
        + " s within 10 %), at most " + option("warmup", "180", "1") + " s.\n\n"
        + "| server | rooms | bot | answers/s | of the ceiling | bot CPU µs/answer | server CPU µs/answer | warm-up s |\n"
        + "|---|---|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      double ceiling = rows.stream().filter(other -> other.server().equals(row.server()) && other.rooms() == row.rooms()
          && other.bot().equals("ceiling")).mapToDouble(Row::answersPerSecond).findFirst().orElse(Double.NaN);
      out.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %.2f | %.1f | %.1f | %.0f |%n", row.server(),
          row.rooms(), row.bot(), row.answersPerSecond(), row.answersPerSecond() / ceiling, row.botMicros(),
          row.serverMicros(), row.warmUpSeconds()));
    }
    out.append("\n");
    for (Row kindling : rows.stream().filter(row -> row.bot().equals("kindling")).toList()) {
      rows.stream().filter(row -> row.bot().equals("slixmpp") && row.server().equals(kindling.server())
          && row.rooms() == kindling.rooms()).findFirst().ifPresent(slixmpp -> out.append(String.format(Locale.ROOT,
          "- %s, %d rooms: Kindling's CPU per answer is %.2f of slixmpp's (%.1f against %.1f µs)%n", kindling.server(),
          kindling.rooms(), kindling.botMicros() / slixmpp.botMicros(), kindling.botMicros(), slixmpp.botMicros())));
    }
    failures.forEach(failure -> out.append("- failed: ").append(failure).append('\n'));
    return out.toString();
  }
}
