package dev.kindling.bench.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.bench.SmokeResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the relay benchmark from rotting: small sizes, one round, through a throwaway Prosody and ejabberd, for the
 * direct connection, Kindling's relay and each server's mod_proxy65. Every row must be measured; which relay is
 * faster is for the full run.
 */
class RelayBenchmarkSmokeIT {
  @TempDir
  Path out;

  @Test
  void smokeRunMeasuresEveryRelayThroughBothServers() throws Exception {
    boolean ran = RelayBenchmark.run("--smoke", "--out", out.toString());

    assertThat(ran).as("every measurement ran").isTrue();
    String table = SmokeResults.read(out, "-relay-smoke.md");
    assertThat(table).contains("| Prosody | 1 × 32 MiB | Kindling |",
        "| ejabberd | 10 × 1 MiB | ejabberd mod_proxy65 |",
        "| Prosody | Prosody mod_proxy65 | 50 |").doesNotContain("failed");
    List<String> rows = table.lines().filter(line -> line.matches("\\| (Prosody|ejabberd) \\| \\d+ × .*")).toList();
    assertThat(rows).hasSize(18).allSatisfy(row -> assertThat(Double.parseDouble(row.split("\\|")[4].strip()
        .replace(",", ""))).as("MiB/s in " + row).isPositive());
  }
}
