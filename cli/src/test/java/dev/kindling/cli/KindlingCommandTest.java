package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class KindlingCommandTest {
  @Test
  void versionNamesKindlingAndExitsZero() {
    CommandResult result = CommandResult.run("--version");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("kindling ");
  }

  @Test
  void helpListsTheCommands() {
    CommandResult result = CommandResult.run("--help");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).contains("check", "run", "demo");
  }

  @Test
  void missingSecretIsAUsageErrorOnOneLine() {
    CommandResult result = CommandResult.run("check", "--domain", "echo.localhost");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("kindling: missing --secret (or KINDLING_SECRET) (see 'kindling check --help')\n");
  }

  @Test
  void portOutOfRangeIsAUsageErrorNamingTheRule() {
    CommandResult result = CommandResult.run("check", "--domain", "echo.localhost", "--secret", "s", "--port", "70000");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: port out of range: 70000 (expected 1..65535)");
  }

  @Test
  void runWithAnUnknownKeyIsAConfigurationErrorWithExitTwo() {
    CommandResult result = CommandResult.run("run", "--set", "prot=5347");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("kindling: configuration: unknown key 'prot' (from flag --set prot); did you"
        + " mean 'port'?\n");
  }

  @Test
  void runWithoutComponentsSaysHowToDeclareThem() {
    CommandResult result = CommandResult.run("run", "--set", "secret=s");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: configuration: no components to run");
  }

  @Test
  void runWithAModuleThatIsNotThereIsAUsageError() {
    CommandResult result = CommandResult.run("run", "--module", "com.example.Missing");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: --module com.example.Missing is not on the class path");
  }

  @Test
  void unreachableServerIsAFailureOnOneLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }

    CommandResult result = CommandResult.run("check", "--domain", "echo.localhost", "--secret", "s",
        "--port", String.valueOf(closedPort));

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("kindling: cannot connect to 127.0.0.1:" + closedPort + ": connection refused\n");
  }
}
