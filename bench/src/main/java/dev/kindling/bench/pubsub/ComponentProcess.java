package dev.kindling.bench.pubsub;

import dev.kindling.bench.compare.Handshakes;
import dev.kindling.bench.compare.PeerProcess;
import dev.kindling.bench.compare.Pipe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the PubSub component: a fresh listener on 127.0.0.1 (port 0), the component started in a child JVM
 * ({@link PubSubPeer}) with a bounded heap and a GC log, accepted and authenticated as XEP-0114's server side
 * ({@link Handshakes#acceptComponent}), and the stream to it.
 */
final class ComponentProcess implements AutoCloseable {
  /**
   * What the GC log says of the heap over the whole run.
   *
   * @param maxMiB the heap's bound ({@code -Xmx})
   * @param peakMiB the most in use before any collection
   * @param liveMiB the most still in use after a collection: an upper bound of the live data
   * @param collections collections of any kind; {@code full} of them were full collections
   * @param pauseMillis their pauses added up
   */
  record Heap(double maxMiB, double peakMiB, double liveMiB, int collections, int full, double pauseMillis) {}

  private static final Pattern GC_LINE = Pattern.compile(
      "GC\\(\\d+\\) (Pause \\S+).*? (\\d+)([KMG])->(\\d+)([KMG])\\((\\d+)([KMG])\\) ([\\d.]+)ms");

  private final PeerProcess process;
  private final ServiceStream stream;
  private final Path gcLog;

  private ComponentProcess(PeerProcess process, ServiceStream stream, Path gcLog) {
    this.process = process;
    this.stream = stream;
    this.gcLog = gcLog;
  }

  /**
   * Starts the component and connects it.
   *
   * @param heap the child's {@code -Xmx}, e.g. {@code 512m}
   * @param dir a directory of its own for the data and the GC log
   * @param config configuration beyond the connection's (the PubSub keys)
   * @param jfr where to write a flight recording of the whole run, or {@code null} for none
   */
  static ComponentProcess start(Path benchJar, String heap, Path dir, Map<String, String> config, Path jfr)
      throws Exception {
    return start(benchJar, heap, dir, config, jfr, Duration.ofSeconds(30));
  }

  /**
   * {@link #start(Path, String, Path, Map, Path)}, waiting up to {@code connectLimit} for it to connect: it loads
   * every node and subscription from the database first.
   */
  static ComponentProcess start(Path benchJar, String heap, Path dir, Map<String, String> config, Path jfr,
      Duration connectLimit) throws Exception {
    Files.createDirectories(dir);
    Path gcLog = dir.resolve("gc.log");
    try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("host", "127.0.0.1");
      values.put("component.pubsub.port", Integer.toString(listener.getLocalPort()));
      values.put("component.pubsub.domain", ServiceStream.COMPONENT);
      values.put("secret", ServiceStream.SECRET);
      values.put("data-dir", dir.resolve("data").toString());
      values.put("retry-first-connect", "false");
      values.putAll(config);
      List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
          "-Xmx" + heap, "-Xlog:gc:file=" + gcLog));
      if (jfr != null) {
        command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
      }
      String extra = System.getenv("KINDLING_BENCH_PEER_JVM_OPTIONS");
      if (extra != null && !extra.isBlank()) {
        command.addAll(List.of(extra.strip().split("\\s+")));
      }
      command.addAll(List.of("-cp", benchJar.toString(), PubSubPeer.class.getName()));
      values.forEach((key, value) -> command.add(key + "=" + value));
      PeerProcess process = new PeerProcess(command);
      try {
        Pipe pipe = Handshakes.acceptComponent(listener, ServiceStream.COMPONENT, ServiceStream.SECRET,
            connectLimit);
        process.awaitReady();
        return new ComponentProcess(process, new ServiceStream(pipe), gcLog);
      } catch (Exception e) {
        String output = process.output();
        process.close();
        throw new IOException("the PubSub component did not start: " + e.getMessage()
            + (output.isBlank() ? "" : "\n" + output), e);
      }
    }
  }

  ServiceStream stream() {
    return stream;
  }

  /** User plus system CPU seconds the component has used. */
  double cpuSeconds() throws IOException {
    return process.cpuSeconds();
  }

  /** What the GC log says so far. */
  Heap heap() throws IOException {
    double max = 0;
    double peak = 0;
    double live = 0;
    int collections = 0;
    int full = 0;
    double pauses = 0;
    if (Files.exists(gcLog)) {
      for (String line : Files.readAllLines(gcLog)) {
        Matcher gc = GC_LINE.matcher(line);
        if (!gc.find()) {
          continue;
        }
        collections++;
        if (gc.group(1).startsWith("Pause Full")) {
          full++;
        }
        peak = Math.max(peak, mib(gc.group(2), gc.group(3)));
        live = Math.max(live, mib(gc.group(4), gc.group(5)));
        max = Math.max(max, mib(gc.group(6), gc.group(7)));
        pauses += Double.parseDouble(gc.group(8));
      }
    }
    return new Heap(max, peak, live, collections, full, pauses);
  }

  private static double mib(String value, String unit) {
    double number = Double.parseDouble(value);
    return switch (unit) {
      case "K" -> number / 1024;
      case "G" -> number * 1024;
      default -> number;
    };
  }

  /**
   * The component's heap by class after a full collection ({@code jcmd GC.class_histogram}): the live data
   * exactly, where the GC log gives only an upper bound.
   *
   * @return the histogram's text
   */
  String classHistogram() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process run = new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "GC.class_histogram")
        .redirectErrorStream(true).start();
    String text = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || run.exitValue() != 0) {
      run.destroyForcibly();
      throw new IOException("jcmd GC.class_histogram failed: " + text);
    }
    return text;
  }

  /** The total of a class histogram's last line ({@code Total <instances> <bytes>}), in MiB. */
  static double histogramTotalMiB(String histogram) {
    Matcher total = Pattern.compile("Total\\s+\\d+\\s+(\\d+)").matcher(histogram);
    return total.find() ? Long.parseLong(total.group(1)) / (1024.0 * 1024.0) : Double.NaN;
  }

  /** Stops the component cleanly (it closes the database) and waits for it, at most 60 s. */
  void stop() throws Exception {
    boolean exited = process.endInput(60);
    stream.close();
    if (!exited) {
      process.close();
    }
  }

  /** What the component printed, for a failure. */
  String output() {
    return process.output();
  }

  @Override
  public void close() throws Exception {
    try {
      stream.close();
    } finally {
      process.close();
    }
  }
}
