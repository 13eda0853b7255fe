package dev.kindling.bench.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Writes what the runner measured: one JSON file per mode, latency distributions, a Markdown summary with every
 * figure also as a ratio to the ceiling and to the best peer framework (the machine is shared and noisy, ratios
 * measured in one run travel better than absolute numbers), and PNG plots drawn with gnuplot when it is there.
 */
final class Report {
  private Report() {}

  /** {@code <out>/<name>.json}: the measurements, one object each. */
  static void write(Path out, String name, List<Measurement> results) throws IOException {
    Files.writeString(out.resolve(name + ".json"), "[\n" + results.stream().map(Measurement::json)
        .collect(Collectors.joining(",\n")) + "\n]\n", StandardCharsets.UTF_8);
  }

  /** The latency distribution of a first run, as {@code latency-ms percentile} lines for the CDF plot. */
  static void histogram(Path out, Measurement result, Histogram histogram) throws IOException {
    if (result.run() != 1) {
      return;
    }
    Path dir = Files.createDirectories(out.resolve("latency"));
    StringBuilder lines = new StringBuilder();
    for (HistogramIterationValue value : histogram.percentiles(5)) {
      lines.append(String.format(Locale.ROOT, "%.4f %.5f%n", value.getValueIteratedTo() / 1e6,
          value.getPercentileLevelIteratedTo()));
    }
    Files.writeString(dir.resolve(key(result) + ".dat"), lines, StandardCharsets.UTF_8);
  }

  private static String key(Measurement result) {
    return result.mode() + "-" + result.workload() + "-" + result.peer() + "-s" + result.senders() + "-w"
        + result.workMicros();
  }

  /** {@code <out>/<date>-summary.md} and the plots; returns the Markdown. */
  static String summary(Path out, String date, List<Measurement> results) throws IOException, InterruptedException {
    StringBuilder md = new StringBuilder();
    Map<String, List<Measurement>> groups = results.stream()
        .filter(r -> r.senders() == 100 && r.workMicros() == 0)
        .collect(Collectors.groupingBy(r -> r.mode() + " / " + r.workload(), LinkedHashMap::new, Collectors.toList()));
    for (Map.Entry<String, List<Measurement>> group : groups.entrySet()) {
      md.append("\n#### ").append(group.getKey()).append("\n\n")
          .append("| peer | answers/s (median; min–max) | errors/s | × ceiling | × best other framework |"
              + " CPU µs/stanza | RSS MiB | latency p50 / p99 / p99.9 ms | at stanzas/s | answered |\n")
          .append("|---|---|---|---|---|---|---|---|---|---|\n");
      Map<String, List<Measurement>> byPeer = group.getValue().stream()
          .collect(Collectors.groupingBy(Measurement::peer, LinkedHashMap::new, Collectors.toList()));
      double ceiling = median(byPeer.getOrDefault("ceiling", List.of()));
      for (Map.Entry<String, List<Measurement>> peer : byPeer.entrySet()) {
        double rate = median(peer.getValue());
        double bestOther = byPeer.entrySet().stream()
            .filter(e -> !e.getKey().equals("ceiling") && !e.getKey().equals(peer.getKey())
                && !(e.getKey().startsWith("kindling") && peer.getKey().startsWith("kindling")))
            .mapToDouble(e -> median(e.getValue())).max().orElse(Double.NaN);
        List<Measurement> runs = peer.getValue();
        md.append(String.format(Locale.ROOT, "| %s | %,.0f; %,.0f–%,.0f | %,.0f | %s | %s | %.2f | %.0f |"
                + " %.2f / %.2f / %.2f | %,.0f | %.1f %% |%n",
            peer.getKey(), rate, min(runs), max(runs), median(runs, Measurement::errorsPerSecond),
            ratio(rate, ceiling), ratio(rate, bestOther), median(runs, Measurement::cpuMicrosPerStanza),
            median(runs, Measurement::residentMiB), median(runs, Measurement::p50), median(runs, Measurement::p99),
            median(runs, Measurement::p999), median(runs, Measurement::offeredRate),
            100 * median(runs, Measurement::answeredAtRate)));
      }
      plot(out, date, group.getKey(), byPeer);
    }
    List<Measurement> scaling = results.stream().filter(r -> r.senders() != 100 || r.workMicros() != 0).toList();
    if (!scaling.isEmpty()) {
      md.append("\n#### scaling (direct mode, ping)\n\n| peer | senders | handler work µs (blocking) | answers/s |"
          + " errors/s | CPU µs/stanza |\n|---|---|---|---|---|---|\n");
      for (Measurement r : scaling) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %,.0f | %.2f |%n", r.peer(), r.senders(),
            r.workMicros(), r.perSecond(), r.errorsPerSecond(), r.cpuMicrosPerStanza()));
      }
    }
    Files.writeString(out.resolve(date + "-summary.md"), md, StandardCharsets.UTF_8);
    return md.toString();
  }

  private static String ratio(double value, double base) {
    return Double.isNaN(base) || base <= 0 ? "—" : String.format(Locale.ROOT, "%.2f", value / base);
  }

  private static double median(List<Measurement> runs) {
    return median(runs, Measurement::perSecond);
  }

  /** The median of {@code metric} over the repetitions (the mean of the middle two for an even count). */
  private static double median(List<Measurement> runs, ToDoubleFunction<Measurement> metric) {
    if (runs.isEmpty()) {
      return Double.NaN;
    }
    double[] values = runs.stream().mapToDouble(metric).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  private static double min(List<Measurement> runs) {
    return runs.stream().mapToDouble(Measurement::perSecond).min().orElse(Double.NaN);
  }

  private static double max(List<Measurement> runs) {
    return runs.stream().mapToDouble(Measurement::perSecond).max().orElse(Double.NaN);
  }

  /** Throughput bars and latency CDFs for one mode and workload, if gnuplot is installed. */
  private static void plot(Path out, String date, String group, Map<String, List<Measurement>> byPeer)
      throws IOException, InterruptedException {
    if (!Files.isExecutable(Path.of("/usr/bin/gnuplot"))) {
      return;
    }
    String name = date + "-" + group.replace(" / ", "-");
    StringBuilder bars = new StringBuilder();
    List<String> curves = new ArrayList<>();
    for (Map.Entry<String, List<Measurement>> peer : byPeer.entrySet()) {
      bars.append('"').append(peer.getKey()).append("\" ").append(String.format(Locale.ROOT, "%.1f%n",
          median(peer.getValue())));
      Measurement first = peer.getValue().stream().min(Comparator.comparingInt(Measurement::run)).orElseThrow();
      Path latency = out.resolve("latency").resolve(key(first) + ".dat");
      if (Files.exists(latency)) {
        curves.add("'" + latency + "' using 1:2 with lines lw 2 title '" + peer.getKey() + "'");
      }
    }
    Path data = out.resolve(name + "-throughput.dat");
    Files.writeString(data, bars, StandardCharsets.UTF_8);
    String script = String.join("\n",
        "set terminal pngcairo size 900,500 noenhanced",
        "set output '" + out.resolve(name + "-throughput.png") + "'",
        "set title 'Throughput at saturation: " + group + "'",
        "set ylabel 'stanzas/s'", "set style fill solid 0.6", "set boxwidth 0.6", "set yrange [0:*]",
        "set grid ytics", "unset key",
        "plot '" + data + "' using 0:2:xtic(1) with boxes",
        "set output '" + out.resolve(name + "-latency.png") + "'",
        "set title 'Latency CDF at half the ceiling throughput: " + group + "'",
        "set xlabel 'latency (ms)'", "set ylabel 'percentile'", "set logscale x",
        "set yrange [0:100]", "unset boxwidth", "set key left top",
        curves.isEmpty() ? "" : "plot " + String.join(", ", curves), "");
    Path scriptFile = out.resolve(name + ".gnuplot");
    Files.writeString(scriptFile, script, StandardCharsets.UTF_8);
    Process gnuplot = new ProcessBuilder("gnuplot", scriptFile.toString()).redirectErrorStream(true).start();
    if (!gnuplot.waitFor(60, TimeUnit.SECONDS)) {
      gnuplot.destroyForcibly();
    }
  }
}
