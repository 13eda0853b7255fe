package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KindlingCommandTest {
  @Test
  void aServiceThatFailsToStartIsOneLineAndExitOne() {
    CommandResult result = CommandResult.run("run", "--module", "dev.kindling.cli.fixture.RefusingServiceModule",
        "--set", "secret=s3cret", "--set", "server-domain=localhost");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).isEqualTo("kindling: service Database failed to start: database at 127.0.0.1:1 refused"
        + " the connection\n");
  }

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

  @ParameterizedTest
  @ValueSource(strings = {"run --help", "run -h", "check --help", "check -h", "demo --help", "demo -h", "new --help",
      "new -h", "help run"})
  void everyCommandPrintsItsUsageForHelpAndExitsZero(String arguments) {
    String command = arguments.startsWith("help") ? arguments.split(" ")[1] : arguments.split(" ")[0];

    CommandResult result = CommandResult.run(arguments.split(" "));

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("Usage: kindling " + command + " ").contains("-h, --help");
    assertThat(result.err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"run --bogus", "check --domain echo.localhost", "demo --bogus", "check --port x",
      "--bogus", "run --jar /nonexistent/kindling.jar --module com.example.M", "new", "new A"})
  void theHintOfEveryUsageErrorIsACommandThatWorks(String arguments) {
    CommandResult failed = CommandResult.run(arguments.split(" "));
    Matcher hint = Pattern.compile("\\(see 'kindling ([^']*)'\\)$").matcher(failed.err().strip());

    assertThat(failed.exitCode()).isEqualTo(2);
    assertThat(hint.find()).as("hint in %s", failed.err()).isTrue();
    CommandResult help = CommandResult.run(hint.group(1).split(" "));
    assertThat(help.exitCode()).as("kindling %s", hint.group(1)).isZero();
    assertThat(help.out()).startsWith("Usage: kindling");
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
  void runWithANameThatIsNoComponentListsTheReadyOnesWithTheClosestAndExitsTwo() {
    CommandResult result = CommandResult.run("run", "--set", "secret=s", "--set", "server-domain=localhost",
        "--set", "components=parot");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("kindling: configuration: components lists 'parot': no ready component has"
        + " that name (did you mean 'parrot'? ready: mucbot, parrot, pubsub, relay), no module declares it, and component.parot.handlers is"
        + " not set\n");
  }

  @Test
  void runWithAModuleThatIsNotThereIsAUsageError() {
    CommandResult result = CommandResult.run("run", "--module", "com.example.Missing");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: --module com.example.Missing is not on the class path");
  }

  @Test
  void handlerProblemsAreAConfigurationErrorWithExitTwo() {
    CommandResult result = CommandResult.run("run", "--set", "secret=s", "--set", "server-domain=localhost",
        "--set", "components=plain", "--set", "component.plain.handlers=java.lang.Object");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).startsWith("kindling: 1 problem with the handlers of plain:");
  }

  @Test
  void aJarDirectoryWithoutJarsIsAUsageError(@TempDir Path empty) {
    CommandResult result = CommandResult.run("run", "--jar", empty.toString(), "--module", "com.example.M");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("kindling: --jar " + empty + " is a directory without *.jar files"
        + " (see 'kindling run --help')\n");
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
