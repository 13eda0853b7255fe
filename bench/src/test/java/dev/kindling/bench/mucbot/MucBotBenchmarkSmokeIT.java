package dev.kindling.bench.mucbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.bench.SmokeResults;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the MUC bot benchmark from rotting: a second or two per figure, in 1 and 5 rooms, through a throwaway
 * Prosody and ejabberd, for the ceiling, Kindling's bot and the slixmpp bot. Every row must be measured; which
 * bot is faster is for the full run.
 */
class MucBotBenchmarkSmokeIT {
  @TempDir
  Path out;

  @Test
  void smokeRunMeasuresEveryBotThroughBothServers() throws Exception {
    boolean ran = MucBotBenchmark.run("--smoke", "--out", out.toString());

    assertThat(ran).as("every measurement ran").isTrue();
    String table = SmokeResults.read(out, "-mucbot-smoke.md");
    assertThat(table).contains("| Prosody | 1 | ceiling |", "| Prosody | 5 | kindling |", "| ejabberd | 5 | slixmpp |")
        .doesNotContain("failed");
    List<String> rows = table.lines().filter(line -> line.startsWith("| Prosody |") || line.startsWith("| ejabberd |"))
        .toList();
    assertThat(rows).hasSize(12).allSatisfy(row -> {
      String[] cells = row.split("\\|");
      assertThat(Double.parseDouble(cells[4].strip().replace(",", ""))).as("answers/s in " + row).isPositive();
    });
  }
}
