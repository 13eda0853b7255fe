package dev.kindling.bench.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.bench.SmokeResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the comparison with the servers' own pubsub from rotting: a second or two of load per figure, at 1 and 5
 * subscriptions over 3 clients, through a throwaway Prosody and ejabberd, against each one's own service and
 * against Kindling's PubSub on H2 (started from the benchmarks jar). Every row must be measured and every
 * notification delivered; which service is faster is for the full run.
 */
class ServerPubSubBenchmarkSmokeIT {
  @TempDir
  Path out;

  @Test
  void smokeRunMeasuresKindlingAndEachServersOwnPubSub() throws Exception {
    boolean ran = ServerPubSubBenchmark.run("--smoke", "--out", out.toString());

    assertThat(ran).as("every measurement ran").isTrue();
    String table = SmokeResults.read(out, "-pubsub-vs-server-smoke.md");
    assertThat(table)
        .contains("| Prosody | 1 (1) | Prosody's own |", "| Prosody | 5 (3) | Kindling, H2 |")
        .contains("| ejabberd | 1 (1) | ejabberd's own |", "| ejabberd | 5 (3) | Kindling, H2 |")
        .contains("| ejabberd | 5 (3) | Kindling, H2, XEP-0033 multicast |")
        .doesNotContain("failed");
    List<String> rows = table.lines().filter(line -> line.startsWith("| Prosody |") || line.startsWith("| ejabberd |"))
        .toList();
    // two sizes of three services on ejabberd (its own, Kindling, Kindling through mod_multicast), two on Prosody
    assertThat(rows).hasSize(10).allSatisfy(row -> {
      String[] cells = row.split("\\|");
      assertThat(Double.parseDouble(cells[4].strip().replace(",", ""))).as("publishes/s in " + row).isPositive();
      assertThat(cells[7].strip()).as("delivered in " + row).isEqualTo("100.0 %");
    });
  }
}
