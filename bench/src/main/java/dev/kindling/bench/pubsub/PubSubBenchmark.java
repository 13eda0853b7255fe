package dev.kindling.bench.pubsub;

import dev.kindling.bench.LongOptions;
import dev.kindling.bench.pubsub.Pipeline.Outcome;
import dev.kindling.bench.pubsub.Requests.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * The PubSub service's direct-mode benchmark: the component alone ({@link PubSubPeer}, in a child JVM with a
 * bounded heap), fed through its XEP-0114 stream by this process playing the server ({@link ServiceStream}).
 * Every node and subscription is made with IQs through the stream, from distinct users of the server's domain.
 * Four measurements, each on a fresh component and database:
 *
 * <ol>
 *   <li>{@code fanout}: one node with 10 000 subscribers, published to again and again (at most a few
 *       publishes' notifications outstanding): notifications arriving per second;
 *   <li>{@code publish}: 1 000 nodes, 10 publishers, pipelined publishes (400 outstanding): committed
 *       (acknowledged) publishes per second, on H2 and on each other database given;
 *   <li>{@code big}: one node with 100 000 subscribers, in a 512 MiB heap: the time from a publish sent to its
 *       last notification received, the live heap, and the time to start again with them;
 *   <li>{@code scale}: 10 000 nodes and 100 000 subscriptions: the latency of subscribe, publish, items and own
 *       subscriptions, one at a time.
 * </ol>
 *
 * <p>Writes a Markdown table with the goal next to each figure to standard output and to {@code
 * <out>/<date>-pubsub.md}.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.kindling.bench.pubsub.PubSubBenchmark [--smoke]
 *     [--only fanout,publish,big,scale] [--postgres-url jdbc:postgresql://…] [--publish-databases H2,PostgreSQL]
 *     [--heap 512m] [--jfr DIR] [--progress] [--out bench/results]
 *     [--fanout-subscribers 10000] [--publish-nodes 1000] [--big-subscribers 100000] [--scale-nodes 10000] …
 * </pre>
 *
 * <p>{@code --postgres-url} names a database the benchmark may wipe: its {@code public} schema is dropped before
 * each run on it.
 */
public final class PubSubBenchmark {
  private static final Duration SETUP_LIMIT = Duration.ofMinutes(15);
  private static final Duration WAIT_LIMIT = Duration.ofSeconds(60);

  private final Options options;
  private final Path jar;
  private final Path work;
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  /** One line of the results table. */
  private record Row(String goal, String measured, String target, String met) {}

  /** The sizes and times, with the figures by default and a few seconds' worth for {@code --smoke}. */
  private record Options(boolean smoke, boolean progress, Set<String> only, List<String> publishDatabases,
      String postgresUrl, String heap, Path jfr, Path out, int fanoutSubscribers, int fanoutWindow, int payloadBytes,
      int publishNodes, int publishers, int publishOutstanding, int publishKeep, int bigSubscribers, int bigPublishes,
      int scaleNodes, int scaleSubscriptions, int samples, int setupWindow, Duration warmUp, Duration measure) {
    static Options parse(String[] args) {
      Map<String, String> o = LongOptions.parse(args, Set.of("smoke", "progress", "only", "publish-databases",
          "postgres-url", "heap", "jfr", "out", "fanout-subscribers", "fanout-window", "payload-bytes",
          "publish-nodes", "publishers", "publish-outstanding", "publish-keep", "big-subscribers", "big-publishes",
          "scale-nodes", "scale-subscriptions", "samples", "setup-window", "warmup", "measure"));
      boolean smoke = o.containsKey("smoke");
      Options options = new Options(smoke, o.containsKey("progress"),
          Set.of(o.getOrDefault("only", "fanout,publish,big,scale").split(",")),
          List.of(o.getOrDefault("publish-databases", o.containsKey("postgres-url") ? "H2,PostgreSQL" : "H2")
              .split(",")),
          o.get("postgres-url"),
          o.getOrDefault("heap", "512m"),
          o.containsKey("jfr") ? Path.of(o.get("jfr")) : null,
          Path.of(o.getOrDefault("out", "bench/results")),
          integer(o, "fanout-subscribers", smoke ? 200 : 10_000),
          integer(o, "fanout-window", 4),
          integer(o, "payload-bytes", 256),
          integer(o, "publish-nodes", smoke ? 20 : 1_000),
          integer(o, "publishers", smoke ? 4 : 10),
          integer(o, "publish-outstanding", smoke ? 40 : 400),
          integer(o, "publish-keep", 10),
          integer(o, "big-subscribers", smoke ? 1_000 : 100_000),
          integer(o, "big-publishes", smoke ? 2 : 5),
          integer(o, "scale-nodes", smoke ? 50 : 10_000),
          integer(o, "scale-subscriptions", smoke ? 500 : 100_000),
          integer(o, "samples", smoke ? 10 : 200),
          integer(o, "setup-window", 400),
          Duration.ofSeconds(integer(o, "warmup", smoke ? 1 : 5)),
          Duration.ofSeconds(integer(o, "measure", smoke ? 1 : 5)));
      for (String database : options.publishDatabases()) {
        if (!List.of("H2", "PostgreSQL").contains(database)) {
          throw new IllegalArgumentException("unknown database '" + database + "' (H2, PostgreSQL)");
        }
        if (database.equals("PostgreSQL") && options.postgresUrl() == null) {
          throw new IllegalArgumentException("PostgreSQL needs --postgres-url");
        }
      }
      return options;
    }

    private static int integer(Map<String, String> options, String name, int otherwise) {
      String value = options.get(name);
      return value == null ? otherwise : LongOptions.positive(name, value);
    }
  }

  private PubSubBenchmark(Options options) throws Exception {
    this.options = options;
    this.jar = Path.of(PubSubBenchmark.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    this.work = Files.createTempDirectory("kindling-pubsub-bench-");
  }

  /** Parses the options, runs, writes the table; exits 2 on bad usage, 1 if a measurement failed. */
  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("pubsub-bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    PubSubBenchmark benchmark = new PubSubBenchmark(options);
    if (!benchmark.run()) {
      System.exit(1);
    }
  }

  /**
   * Runs the measurements asked for and writes the table.
   *
   * @return whether every one of them ran (a goal missed is a figure, not a failure)
   */
  static boolean run(String... args) throws Exception {
    return new PubSubBenchmark(Options.parse(args)).run();
  }

  private boolean run() throws Exception {
    boolean allRan = true;
    try {
      if (options.only().contains("fanout")) {
        allRan &= attempt("fan-out to " + options.fanoutSubscribers() + " subscribers", "H2", this::fanOut);
      }
      if (options.only().contains("publish")) {
        for (String database : options.publishDatabases()) {
          allRan &= attempt("committed publishes/s", database,
              Map.of("pubsub.default-max-items", Integer.toString(options.publishKeep())), this::publishRate);
        }
      }
      if (options.only().contains("big")) {
        allRan &= attempt("one publish to " + options.bigSubscribers() + " subscribers", "H2", this::bigNode);
      }
      if (options.only().contains("scale")) {
        allRan &= attempt("IQ latency at " + options.scaleNodes() + " nodes", "H2", this::scale);
      }
    } finally {
      deleteTree(work);
    }
    String table = table();
    System.out.println();
    System.out.println(table);
    Files.createDirectories(options.out());
    Path file = options.out().resolve(LocalDate.now() + (options.smoke() ? "-pubsub-smoke.md" : "-pubsub.md"));
    Files.writeString(file, table);
    System.out.println("written to " + file);
    return allRan;
  }

  private interface Measurement {
    void run(ComponentProcess component, String database) throws Exception;
  }

  /** The running component of the current measurement, and how to start it again on the same data. */
  private ComponentProcess current;
  private java.util.concurrent.Callable<ComponentProcess> restart;
  /** How long the last restart took to stop the component, and to start it again, in seconds. */
  private double stopSeconds;
  private double startSeconds;

  private boolean attempt(String what, String database, Measurement measurement) {
    return attempt(what, database, Map.of(), measurement);
  }

  private boolean attempt(String what, String database, Map<String, String> extra, Measurement measurement) {
    System.out.println("measuring " + what + " (" + database + ")");
    Path dir = work.resolve("run-" + rows.size() + "-" + System.nanoTime());
    Map<String, String> config = new LinkedHashMap<>();
    // The limits that protect a service from one greedy user would measure themselves here: lift them.
    config.put("pubsub.requests-per-second", Integer.toString(Integer.MAX_VALUE));
    config.put("pubsub.max-nodes-per-owner", Integer.toString(Integer.MAX_VALUE));
    config.putAll(extra);
    try {
      if (database.equals("PostgreSQL")) {
        wipe(options.postgresUrl());
        config.put("pubsub.database-url", options.postgresUrl());
      }
      Path jfr = options.jfr() == null ? null : options.jfr().toAbsolutePath()
          .resolve(what.replaceAll("[^A-Za-z0-9]+", "-") + "-" + database + ".jfr");
      if (jfr != null) {
        Files.createDirectories(jfr.getParent());
      }
      current = ComponentProcess.start(jar, options.heap(), dir, config, jfr);
      restart = () -> {
        long stopping = System.nanoTime();
        current.stop();
        long starting = System.nanoTime();
        current = ComponentProcess.start(jar, options.heap(), dir, config, null, Duration.ofMinutes(10));
        stopSeconds = (starting - stopping) / 1e9;
        startSeconds = (System.nanoTime() - starting) / 1e9;
        return current;
      };
      try {
        measurement.run(current, database);
      } finally {
        current.close();
      }
      return true;
    } catch (Exception e) {
      System.out.println("  failed: " + e);
      rows.add(new Row(what + " (" + database + ")", "failed: " + e.getMessage(), "", "no"));
      return false;
    } finally {
      deleteTree(dir);
    }
  }

  // 1. Fan-out throughput.

  private void fanOut(ComponentProcess component, String database) throws Exception {
    ServiceStream stream = component.stream();
    int subscribers = options.fanoutSubscribers();
    String node = "fanout";
    expectOk("create", new Pipeline(stream, 1).run(1, i -> Requests.create("owner", node), WAIT_LIMIT));
    Outcome subscribed = setup(stream, "subscribe", subscribers,
        i -> Requests.subscribe("fan" + i, node));
    notes.add(String.format(Locale.ROOT, "Fan-out setup: %,d subscriptions through IQs in %.1f s (%,.0f/s).",
        subscribers, subscribed.seconds(), subscribed.perSecond()));

    String payload = Requests.payload(options.payloadBytes());
    int window = options.fanoutWindow();
    long base = stream.messages();
    long start = System.nanoTime();
    long measureFrom = start + options.warmUp().toNanos();
    long measureTo = measureFrom + options.measure().toNanos();
    long messagesBefore = 0;
    long bytesBefore = 0;
    long bytes = 0;
    long publishedBefore = 0;
    CpuShares cpu = null;
    boolean measuring = false;
    List<CompletableFuture<ServiceStream.Answer>> acks = new ArrayList<>();
    long published = 0;
    double seconds = 0;
    long messages = 0;
    while (true) {
      // At most `window` publishes' notifications outstanding: the rate is what the component sustains.
      stream.awaitMessages(base + (published - window + 1) * subscribers, WAIT_LIMIT);
      long now = System.nanoTime();
      if (!measuring && now >= measureFrom) {
        measuring = true;
        measureFrom = now;
        messagesBefore = stream.messages();
        bytesBefore = stream.bytesRead();
        publishedBefore = published;
        cpu = CpuShares.start(component);
      } else if (measuring && now >= measureTo) {
        seconds = (now - measureFrom) / 1e9;
        messages = stream.messages() - messagesBefore;
        bytes = stream.bytesRead() - bytesBefore;
        cpu.stop();
        break;
      }
      acks.add(stream.request("owner", "set", Requests.publish("owner", node, "i" + published, payload).child()));
      stream.flush();
      published++;
    }
    stream.awaitMessages(base + published * subscribers, WAIT_LIMIT);
    long errors = countErrors(acks);
    double rate = messages / seconds;
    rows.add(new Row("1. notifications/s, one node, " + count(subscribers) + " subscribers",
        String.format(Locale.ROOT, "%,.0f/s (%.1f publishes/s; %.2f µs component CPU per notification)", rate,
            (published - publishedBefore) / seconds, cpu.componentSeconds() * 1e6 / Math.max(1, messages)),
        "≥ 200 000/s", met(rate >= 200_000 && errors == 0, errors)));
    notes.add(String.format(Locale.ROOT, "Fan-out: a payload of %d bytes, %.0f bytes a notification on the wire"
        + " (%.0f MB/s); CPU: %s.", options.payloadBytes(), bytes / (double) Math.max(1, messages),
        bytes / seconds / 1e6, cpu.describe()));
    heapNote("fan-out", component);
  }

  // 2. Committed publishes per second.

  private void publishRate(ComponentProcess component, String database) throws Exception {
    ServiceStream stream = component.stream();
    int nodes = options.publishNodes();
    int publishers = options.publishers();
    Outcome created = setup(stream, "create", nodes, i -> Requests.create("pub" + (i % publishers), "n" + i));
    String payload = Requests.payload(options.payloadBytes());
    // Filled to pubsub#max_items first, so that every measured publish adds an item and drops the oldest: a
    // node's steady state, which a few seconds of publishing to empty nodes would not reach.
    int keep = options.publishKeep();
    Outcome filled = setup(stream, "publish", (long) nodes * keep, i -> {
      int node = (int) (i % nodes);
      return Requests.publish("pub" + (node % publishers), "n" + node, "f" + i, payload);
    });
    notes.add(String.format(Locale.ROOT, "Publish setup (%s): %,d nodes created through IQs in %.1f s (%,.0f/s),"
        + " then filled with %d items each (pubsub.default-max-items=%d) in %.1f s (%,.0f/s).", database, nodes,
        created.seconds(), created.perSecond(), keep, keep, filled.seconds(), filled.perSecond()));
    List<CpuShares> cpuMarks = new ArrayList<>();
    Pipeline pipeline = new Pipeline(component.stream(), options.publishOutstanding())
        .withProgress(options.progress());
    Outcome outcome = pipeline.timed(i -> {
      int node = (int) (i % nodes);
      return Requests.publish("pub" + (node % publishers), "n" + node, "i" + i, payload);
    }, options.warmUp(), options.measure(), () -> {
      try {
        if (cpuMarks.isEmpty()) {
          cpuMarks.add(CpuShares.start(component));
        } else {
          cpuMarks.get(0).stop();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    CpuShares cpu = cpuMarks.get(0);
    double rate = outcome.perSecond();
    rows.add(new Row("2. committed publishes/s, " + count(nodes) + " nodes, " + publishers + " publishers, "
            + options.publishOutstanding() + " outstanding, " + database,
        String.format(Locale.ROOT, "%,.0f/s (answer p50 %.1f ms, p99 %.1f ms)", rate, outcome.millis(50),
            outcome.millis(99)),
        "≥ 5 000/s", met(rate >= 5_000 && outcome.errors() == 0, outcome.errors())));
    notes.add(String.format(Locale.ROOT, "Publish (%s): %.0f µs component CPU per publish%s; CPU: %s%s.",
        database, cpu.componentSeconds() * 1e6 / Math.max(1, outcome.ok()), cpu.postgresSeconds() > 0.01
            ? String.format(Locale.ROOT, " and %.0f µs of PostgreSQL's", cpu.postgresSeconds() * 1e6 / outcome.ok())
            : "", cpu.describe(),
        outcome.firstError() == null ? "" : "; first error: " + outcome.firstError()));
    heapNote("publish " + database, component);
  }

  // 3. One node, 100 000 subscribers, in a 512 MiB heap.

  private void bigNode(ComponentProcess component, String database) throws Exception {
    ServiceStream stream = component.stream();
    int subscribers = options.bigSubscribers();
    String node = "big";
    expectOk("create", new Pipeline(stream, 1).run(1, i -> Requests.create("owner", node), WAIT_LIMIT));
    Outcome subscribed = setup(stream, "subscribe", subscribers, i -> Requests.subscribe("big" + i, node));
    notes.add(String.format(Locale.ROOT, "Big node setup: %,d subscriptions through IQs in %.1f s (%,.0f/s,"
        + " answer p50 %.1f ms, p99 %.1f ms with %d outstanding).", subscribers, subscribed.seconds(),
        subscribed.perSecond(), subscribed.millis(50), subscribed.millis(99), options.setupWindow()));
    String payload = Requests.payload(options.payloadBytes());
    List<Double> lastNotification = new ArrayList<>();
    List<Double> answered = new ArrayList<>();
    long errors = 0;
    long first = stream.messages();
    CpuShares cpu = CpuShares.start(component);
    for (int p = 0; p < options.bigPublishes(); p++) {
      long base = stream.messages();
      if (base != first + (long) p * subscribers) {
        throw new IOException((base - first) + " notifications for " + p + " publishes to " + subscribers
            + " subscribers");
      }
      long sent = System.nanoTime();
      CompletableFuture<ServiceStream.Answer> ack = stream.request("owner", "set",
          Requests.publish("owner", node, "i" + p, payload).child());
      stream.flush();
      stream.awaitMessages(base + subscribers, WAIT_LIMIT);
      lastNotification.add((stream.lastMessageNanos() - sent) / 1e9);
      ServiceStream.Answer answer = ack.get(WAIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
      answered.add((answer.receivedNanos() - sent) / 1e9);
      errors += answer.error() ? 1 : 0;
    }
    cpu.stop();
    ComponentProcess.Heap heap = component.heap();
    String histogram = component.classHistogram();
    double live = ComponentProcess.histogramTotalMiB(histogram);
    if (!options.smoke()) {
      Files.createDirectories(options.out());
      Files.writeString(options.out().resolve(LocalDate.now() + "-pubsub-big-histogram.txt"),
          String.join("\n", histogram.lines().limit(40).toList()) + "\n");
    }
    List<Double> warm = lastNotification.size() > 1 ? lastNotification.subList(1, lastNotification.size())
        : lastNotification;
    double median = median(warm);
    rows.add(new Row("3. one publish to " + count(subscribers) + " subscribers: sent → last notification",
        String.format(Locale.ROOT, "%.2f s (median of publishes 2–%d; the first: %.2f s; answered after %.0f ms);"
            + " heap -Xmx%s: peak %.0f MiB, %.0f MiB live after a full GC, %d full GCs while running",
            median, lastNotification.size(), lastNotification.get(0), median(answered) * 1e3, options.heap(),
            heap.peakMiB(), live, heap.full()),
        "< 2 s within 512 MiB", met(median < 2 && errors == 0 && heap.maxMiB() <= 512, errors)));
    notes.add("Big node, each publish (sent → last notification, s): " + lastNotification.stream()
        .map(s -> String.format(Locale.ROOT, "%.2f", s)).toList() + String.format(Locale.ROOT,
        "; GC over the whole run: %d collections, %.0f ms of pauses in all; CPU during the publishes: %s.",
        heap.collections(), heap.pauseMillis(), cpu.describe()));
    restart.call();
    notes.add(String.format(Locale.ROOT, "Big node restart: stopped cleanly in %.1f s, then started again on the same"
        + " H2 file, its %,d subscriptions loaded, connected and ready in %.1f s (a new JVM each time).", stopSeconds,
        subscribers, startSeconds));
  }

  // 4. Latency of single IQs at 10 000 nodes and 100 000 subscriptions.

  private void scale(ComponentProcess component, String database) throws Exception {
    ServiceStream stream = component.stream();
    int nodes = options.scaleNodes();
    int subscriptions = options.scaleSubscriptions();
    int perUser = Math.min(10, nodes);
    int users = Math.max(1, subscriptions / perUser);
    int owners = Math.max(1, Math.min(100, nodes / 10));
    String payload = Requests.payload(options.payloadBytes());
    Outcome created = setup(stream, "create", nodes, i -> Requests.create("own" + (i % owners), "s" + i));
    // Subscription j*users + k is user k's j-th: 10 distinct nodes per user, spread evenly over the nodes.
    Outcome subscribed = setup(stream, "subscribe", (long) users * perUser, s -> {
      long user = s % users;
      long nth = s / users;
      return Requests.subscribe("u" + user, "s" + ((nth * 7919 + user) % nodes));
    });
    Outcome filled = setup(stream, "publish", nodes, i -> Requests.publish("own" + (i % owners), "s" + i, "first",
        payload));
    notes.add(String.format(Locale.ROOT, "Scale setup: %,d nodes in %.1f s (%,.0f/s), %,d subscriptions of %,d"
        + " users in %.1f s (%,.0f/s), one item in each node in %.1f s (%,.0f/s).", nodes, created.seconds(),
        created.perSecond(), (long) users * perUser, users, subscribed.seconds(), subscribed.perSecond(),
        filled.seconds(), filled.perSecond()));

    Random random = new Random(42);
    int samples = options.samples();
    int warmUp = Math.max(5, samples / 4);
    Map<String, Histogram> latency = new LinkedHashMap<>();
    long[] late = {0};
    long[] item = {0};
    Map<String, java.util.function.Supplier<Request>> kinds = new LinkedHashMap<>();
    kinds.put("subscribe", () -> Requests.subscribe("late" + late[0]++, "s" + random.nextInt(nodes)));
    kinds.put("publish", () -> {
      int node = random.nextInt(nodes);
      return Requests.publish("own" + (node % owners), "s" + node, "x" + item[0]++, payload);
    });
    kinds.put("items", () -> Requests.items("u" + random.nextInt(users), "s" + random.nextInt(nodes)));
    kinds.put("own subscriptions", () -> Requests.subscriptions("u" + random.nextInt(users)));
    String checked = null;
    CpuShares cpu = CpuShares.start(component);
    for (Map.Entry<String, java.util.function.Supplier<Request>> kind : kinds.entrySet()) {
      Histogram histogram = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
      for (int i = 0; i < warmUp + samples; i++) {
        Request request = kind.getValue().get();
        long sent = System.nanoTime();
        CompletableFuture<ServiceStream.Answer> future = stream.request(request.user(), request.type(),
            request.child());
        stream.flush();
        ServiceStream.Answer answer = future.get(WAIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (answer.error()) {
          throw new IOException(kind.getKey() + " failed: " + answer.errorText());
        }
        if (i >= warmUp) {
          histogram.recordValue(Math.min(answer.receivedNanos() - sent, TimeUnit.MINUTES.toNanos(1)));
        }
        if (kind.getKey().equals("own subscriptions") && checked == null) {
          checked = answer.xml();
        }
      }
      latency.put(kind.getKey(), histogram);
    }
    cpu.stop();
    long held = checked == null ? 0 : checked.split("<subscription ", -1).length - 1;
    if (held != perUser) {
      throw new IOException("an own-subscriptions answer lists " + held + " subscriptions, not " + perUser);
    }
    StringBuilder measured = new StringBuilder();
    latency.forEach((kind, histogram) -> measured.append(measured.length() == 0 ? "" : "; ").append(String.format(
        Locale.ROOT, "%s %.2f / %.2f / %.2f", kind, histogram.getValueAtPercentile(50) / 1e6,
        histogram.getValueAtPercentile(99) / 1e6, histogram.getMaxValue() / 1e6)));
    rows.add(new Row("4. IQ latency (ms, p50 / p99 / max, one at a time), " + count(nodes) + " nodes, "
        + count((long) users * perUser) + " subscriptions, " + database, measured.toString(),
        "milliseconds (no figure set)", "—"));
    notes.add("Latency (" + database + "): CPU while sampling: " + cpu.describe() + ".");
    heapNote("scale", component);
  }

  // Helpers.

  private Outcome setup(ServiceStream stream, String what, long count, java.util.function.LongFunction<Request> request)
      throws Exception {
    Outcome outcome = new Pipeline(stream, options.setupWindow()).run(count, request, SETUP_LIMIT);
    expectOk(what, outcome);
    System.out.printf(Locale.ROOT, "  setup: %,d %s in %.1f s (%,.0f/s)%n", count, what, outcome.seconds(),
        outcome.perSecond());
    return outcome;
  }

  private static void expectOk(String what, Outcome outcome) throws IOException {
    if (outcome.errors() > 0) {
      throw new IOException(outcome.errors() + " " + what + " requests failed, the first with "
          + outcome.firstError());
    }
  }

  private static long countErrors(List<CompletableFuture<ServiceStream.Answer>> acks) throws Exception {
    long errors = 0;
    for (CompletableFuture<ServiceStream.Answer> ack : acks) {
      errors += ack.get(WAIT_LIMIT.toSeconds(), TimeUnit.SECONDS).error() ? 1 : 0;
    }
    return errors;
  }

  private void heapNote(String what, ComponentProcess component) throws IOException {
    ComponentProcess.Heap heap = component.heap();
    notes.add(String.format(Locale.ROOT, "Heap (%s, -Xmx%s): peak %.0f MiB, at most %.0f MiB live after a GC, %d"
        + " collections (%d full), %.0f ms of pauses.", what, options.heap(), heap.peakMiB(), heap.liveMiB(),
        heap.collections(), heap.full(), heap.pauseMillis()));
  }

  private static String met(boolean met, long errors) {
    return errors > 0 ? "no (" + errors + " errors)" : met ? "yes" : "no";
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n).replace(',', ' ');
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted.length == 0 ? Double.NaN : sorted[sorted.length / 2];
  }

  /** Groups digits with a space, as the README's tables do: {@code 10 398}. */
  private static String spaced(String text) {
    return text.replaceAll("(\\d),(?=\\d{3})", "$1 ");
  }

  private String table() {
    StringBuilder out = new StringBuilder();
    out.append("| measurement | figure | goal | met |\n|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.goal()).append(" | ").append(spaced(row.measured())).append(" | ")
          .append(row.target()).append(" | ").append(row.met()).append(" |\n");
    }
    out.append('\n');
    for (String note : notes) {
      out.append("- ").append(spaced(note)).append('\n');
    }
    return out.toString();
  }

  /** Drops and recreates the {@code public} schema, so that the component migrates a fresh one. */
  private static void wipe(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA public CASCADE");
      statement.execute("CREATE SCHEMA public");
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.out.println("  could not delete " + root + ": " + e.getMessage());
    }
  }
}
