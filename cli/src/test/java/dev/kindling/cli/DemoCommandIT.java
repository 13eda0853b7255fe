package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kindling demo} as a new user runs it: a throwaway Prosody, the samples and the PubSub service. */
class DemoCommandIT {
  @TempDir
  Path dir;

  @Test
  void theDemoShowsEachComponentAnsweringARealClient() {
    CommandResult result = CommandResult.run("demo", "--dir", dir.toString());

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out())
        .contains("echo.localhost → alice@localhost: Hello, Kindling!")
        .contains("ad-hoc command 'announce': completed")
        .contains("alice@localhost created node 'demo-news' on pubsub.localhost")
        .contains("bob@localhost was notified: <item").contains("Kindling PubSub is up")
        .containsPattern("helper in demo: alice rolled 2d6: ([2-9]|1[0-2]) ")
        .contains("bridge in demo: [demo-news] Kindling bots are up")
        .contains("alice sent bob 16 MiB through relay.localhost in").contains("SHA-256 equal");
  }
}
