package dev.kindling.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff noJitter = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0);

  @Test
  void waitsDoubleUpToTheMaximum() {
    SplittableRandom random = new SplittableRandom(1);

    assertThat(noJitter.delay(0, random)).isEqualTo(Duration.ofSeconds(1));
    assertThat(noJitter.delay(1, random)).isEqualTo(Duration.ofSeconds(2));
    assertThat(noJitter.delay(5, random)).isEqualTo(Duration.ofSeconds(32));
    assertThat(noJitter.delay(6, random)).isEqualTo(Duration.ofSeconds(60));
    assertThat(noJitter.delay(1000, random)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void jitterShortensWaitsByUpToItsFraction() {
    Backoff halfJitter = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 0.5);
    SplittableRandom random = new SplittableRandom(7);

    for (int i = 0; i < 1000; i++) {
      assertThat(halfJitter.delay(3, random)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }
  }

  @Test
  void badBoundsAreRejectedWithTheValue() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0))
        .hasMessage("initial back-off must be positive: PT0S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0))
        .hasMessage("max back-off PT1S is shorter than the initial PT2S");
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(1), 1.5))
        .hasMessage("jitter out of range: 1.5 (expected 0..1)");
  }
}
