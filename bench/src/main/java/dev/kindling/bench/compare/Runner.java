package dev.kindling.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Runs the comparison: for each mode (direct, then through Prosody, then through ejabberd), each peer and each
 * workload, throughput at saturation with the peer's CPU time per stanza and memory, then latency at half the
 * ceiling component's throughput; in direct mode also the scaling with senders and handler work. Writes
 * {@code <out>/<date>-<mode>.json}, a Markdown summary and plots ({@link Report}).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.kindling.bench.compare.Runner [--quick] [--smoke]
 *     [--modes direct,prosody,ejabberd] [--peers ceiling,kindling,...] [--repeats N] [--warmup SECONDS] [--out bench/results]
 * </pre>
 */
public final class Runner {
  private final boolean quick;
  private final boolean smoke;
  private final List<String> modes;
  private final Set<String> peerNames;
  private final int repeats;
  private final Path out;
  /** Load before measuring, in direct mode; at the few thousand stanzas/s a server passes, a JVM peer needs longer
   * to finish compiling its path and touching its heap, so through a server the warm-up is longer. */
  private final Duration warmUp;
  private final Duration serverWarmUp;
  private final Duration measure;
  private final List<Measurement> results = new ArrayList<>();

  private Runner(Map<String, String> options) {
    quick = options.containsKey("quick");
    smoke = options.containsKey("smoke");
    modes = List.of(options.getOrDefault("modes", smoke ? "direct" : quick ? "direct,prosody" : "direct,prosody,ejabberd")
        .split(","));
    peerNames = new LinkedHashSet<>(List.of(options.getOrDefault("peers",
        smoke ? "ceiling,kindling" : "ceiling,kindling,kindling-tinder,whack,babbler,slixmpp,xmpp.js").split(",")));
    repeats = Integer.parseInt(options.getOrDefault("repeats", quick || smoke ? "1" : "2"));
    out = Path.of(options.getOrDefault("out", "bench/results"));
    warmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", smoke ? "1" : quick ? "2" : "4")));
    serverWarmUp = Duration.ofSeconds(Long.parseLong(options.getOrDefault("warmup", quick ? "5" : "8")));
    measure = Duration.ofSeconds(smoke ? 1 : quick ? 2 : 4);
  }

  /** Parses {@code --name value} and {@code --flag} options and runs. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].replaceFirst("^--", "");
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      options.put(name, flag ? "true" : args[++i]);
    }
    Runner runner = new Runner(options);
    runner.run();
  }

  private void run() throws Exception {
    Path jar = Path.of(Runner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Peer> peers = Peer.all(jar, Path.of("bench", "peers")).stream()
        .filter(peer -> peerNames.contains(peer.name())).toList();
    for (Peer peer : peers) {
      if (peer.missing() != null) {
        System.out.println("skipping " + peer.name() + ": " + peer.missing());
      }
    }
    List<Peer> runnable = peers.stream().filter(peer -> peer.missing() == null).toList();
    Files.createDirectories(out);
    for (String mode : modes) {
      try (Target target = Target.start(mode, out.resolve("servers"))) {
        for (int run = 1; run <= repeats; run++) {
          for (Workload.Kind kind : smoke ? List.of(Workload.Kind.PING) : List.of(Workload.Kind.values())) {
            Double ceilingRate = null;
            for (Peer peer : runnable) {
              Measurement result = measure(target, peer, new Workload(kind, 100, Target.DOMAIN), 0, run, ceilingRate);
              if (peer.name().equals("ceiling")) {
                ceilingRate = result.perSecond();
              }
            }
          }
        }
        if (mode.equals("direct") && !quick && !smoke) {
          scaling(target, runnable);
        }
      }
      Report.write(out, LocalDate.now() + "-" + mode, results.stream().filter(r -> r.mode().equals(mode)).toList());
    }
    Report.summary(out, LocalDate.now().toString(), results);
    if (smoke && results.stream().anyMatch(result -> result.perSecond() <= 0)) {
      throw new IllegalStateException("smoke run: a peer answered nothing");
    }
  }

  /**
   * Throughput against senders (1 to 1000; 100 is the main run) and against blocking handler work (0, 100 µs,
   * 1 ms), direct mode, for the peers whose handlers take the work argument: Kindling and Whack.
   */
  private void scaling(Target target, List<Peer> peers) throws Exception {
    List<Peer> scaled = peers.stream().filter(peer -> List.of("kindling", "whack").contains(peer.name())).toList();
    for (Peer peer : scaled) {
      for (int senders : new int[] {1, 10, 1000}) {
        measure(target, peer, new Workload(Workload.Kind.PING, senders, Target.DOMAIN), 0, 1, null);
      }
      for (long work : new long[] {100, 1000}) {
        measure(target, peer, new Workload(Workload.Kind.PING, 100, Target.DOMAIN), work, 1, null);
      }
    }
  }

  private Measurement measure(Target target, Peer peer, Workload workload, long workMicros, int run,
      Double ceilingRate) throws Exception {
    int port = target.componentPort();
    String label = target.name() + " " + peer.name() + " " + workload.kind() + " senders=" + workload.senders()
        + " work=" + workMicros + "µs run " + run;
    System.out.println("measuring " + label);
    try (PeerProcess process = new PeerProcess(peer.commandFor("127.0.0.1", port, Target.DOMAIN, Target.SECRET,
        workMicros))) {
      List<Pipe> pipes = target.attach(process);
      LoadDriver load = new LoadDriver(pipes, workload);
      try {
        // 800 outstanding in all: enough to saturate every peer here, and below the 1 000-stanza queue of Tinder's
        // AbstractComponent, so that no peer is measured refusing instead of answering.
        int window = Math.max(1, 800 / pipes.size());
        load.startSaturation(window);
        Thread.sleep((target.name().equals("direct") ? warmUp : serverWarmUp).toMillis());
        double cpuBefore = process.cpuSeconds();
        LoadDriver.Phase saturated = load.measure(measure);
        double cpu = process.cpuSeconds() - cpuBefore;
        load.stopLoad();
        double rss = process.residentMiB();
        double rate = Math.max(1, 0.5 * (ceilingRate != null ? ceilingRate : saturated.perSecond()));
        load.startFixedRate(rate);
        Thread.sleep(1000);
        LoadDriver.Phase latency = load.measure(measure);
        load.stopLoad();
        Histogram histogram = latency.latency();
        Measurement result = new Measurement(target.name(), peer.name(), workload.kind().name().toLowerCase()
            .replace('_', '-'), workload.senders(), workMicros, run, saturated.perSecond(),
            saturated.errors() / saturated.seconds(), cpu * 1e6 / Math.max(1, saturated.answered()), rss, rate,
            latency.sent() == 0 ? 0 : Math.min(1.0, latency.answered() / (double) latency.sent()),
            histogram.getValueAtPercentile(50) / 1e6, histogram.getValueAtPercentile(99) / 1e6,
            histogram.getValueAtPercentile(99.9) / 1e6);
        System.out.printf("  %.0f/s (%.0f errors/s), %.2f µs CPU/stanza, %.0f MiB; at %.0f/s p50 %.2f ms p99 %.2f ms"
            + " p99.9 %.2f ms%n", result.perSecond(), result.errorsPerSecond(), result.cpuMicrosPerStanza(), rss, rate,
            result.p50(), result.p99(), result.p999());
        results.add(result);
        Report.histogram(out, result, histogram);
        return result;
      } finally {
        load.close();
        for (Pipe pipe : pipes) {
          pipe.close();
        }
      }
    } catch (Exception e) {
      System.out.println("  failed: " + e);
      Measurement failed = new Measurement(target.name(), peer.name(), workload.kind().name().toLowerCase()
          .replace('_', '-'), workload.senders(), workMicros, run, 0, 0, Double.NaN, Double.NaN, 0, 0, Double.NaN,
          Double.NaN, Double.NaN);
      results.add(failed);
      return failed;
    }
  }
}
