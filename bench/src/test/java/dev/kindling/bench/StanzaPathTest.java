package dev.kindling.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.samples.echo.EchoComponent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark measures real work: each stanza in produces its reply out. */
class StanzaPathTest {
  private final StanzaPath path = new StanzaPath(List.of(EchoComponent.class), Map.of("workers", "0"));

  @Test
  void pingIsAnsweredWithAResult() {
    path.feed(InProcessPathBenchmark.PING);

    assertThat(path.lastOutput()).isEqualTo("<iq type=\"result\" id=\"ping-1\" from=\"bench.localhost\""
        + " to=\"alice@localhost/phone\"/>");
  }

  @Test
  void messageIsEchoedWithItsKilobyteBody() {
    path.feed(InProcessPathBenchmark.MESSAGE);

    assertThat(path.lastOutput()).isEqualTo("<message to=\"alice@localhost/phone\" from=\"bench.localhost\""
        + " type=\"chat\"><body>" + "x".repeat(1024) + "</body></message>");
  }
}
