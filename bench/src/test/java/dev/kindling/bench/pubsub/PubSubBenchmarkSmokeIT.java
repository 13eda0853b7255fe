package dev.kindling.bench.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.bench.SmokeResults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the PubSub benchmark from rotting: its four measurements at small scale (a few hundred subscribers, a
 * second of load each), on H2, with the component in a child JVM started from the benchmarks jar. Every
 * measurement must run and report its figure; the goals themselves are for the full run.
 */
class PubSubBenchmarkSmokeIT {
  @TempDir
  Path out;

  @Test
  void smokeRunMeasuresEveryFigure() throws Exception {
    boolean ran = PubSubBenchmark.run("--smoke", "--out", out.toString());

    assertThat(ran).as("every measurement ran").isTrue();
    assertThat(SmokeResults.read(out, "-pubsub-smoke.md"))
        .contains("| 1. notifications/s, one node, 200 subscribers |")
        .contains("| 2. committed publishes/s, 20 nodes")
        .contains("| 3. one publish to 1 000 subscribers")
        .contains("| 4. IQ latency")
        .doesNotContain("failed")
        .doesNotContain("errors)");
  }
}
