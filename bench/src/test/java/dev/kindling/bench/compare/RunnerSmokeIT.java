package dev.kindling.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.bench.SmokeResults;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the comparison runner from rotting: a few seconds of direct-mode load against the ceiling and Kindling
 * peers (built into the benchmarks jar, so nothing else is needed), which must both answer.
 */
class RunnerSmokeIT {
  @TempDir
  Path out;

  @Test
  void smokeRunMeasuresTheCeilingAndKindling() throws Exception {
    Runner.main(new String[] {"--smoke", "--peers", "ceiling,kindling", "--out", out.toString()});

    String json = SmokeResults.read(out, "-direct.json");
    assertThat(json).contains("\"peer\":\"ceiling\"").contains("\"peer\":\"kindling\"");
    assertThat(SmokeResults.read(out, "-summary.md")).contains("| kindling |");
  }
}
