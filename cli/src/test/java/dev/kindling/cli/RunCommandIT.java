package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kindling.cli.fixture.Greeter;
import dev.kindling.cli.fixture.GreeterModule;
import dev.kindling.cli.fixturelib.Greetings;
import dev.kindling.connection.ComponentConnection;
import dev.kindling.connection.ConnectionState;
import dev.kindling.inject.Kindling;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.io.TempDir;

/** {@code kindling run} as an operator runs it: a separate process, stopped with SIGTERM. */
class RunCommandIT {
  @TempDir
  Path dir;

  /**
   * {@code java -jar target/kindling.jar run …} with these {@code KINDLING_*} variables (and none of the test
   * run's own), its standard error sent to its standard output.
   */
  private static ProcessBuilder kindlingRun(List<String> arguments, Map<String, String> environment) {
    List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
        "-jar", Path.of("target", "kindling.jar").toString(), "run"));
    command.addAll(arguments);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("KINDLING_"));
    builder.environment().putAll(environment);
    return builder;
  }

  /** Starts {@code java -jar target/kindling.jar run …} and waits until it says it is running. */
  private static Process run(List<String> arguments, StringBuilder output) throws Exception {
    return run(arguments, Map.of(), output);
  }

  /** Starts {@code kindling run …} with these environment variables and waits until it says it is running. */
  private static Process run(List<String> arguments, Map<String, String> environment, StringBuilder output)
      throws Exception {
    Process process = kindlingRun(arguments, environment).start();
    CompletableFuture<Boolean> running = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          synchronized (output) {
            output.append(line).append('\n');
          }
          if (line.startsWith("kindling: running")) {
            running.complete(true);
          }
        }
      } catch (IOException e) {
        running.completeExceptionally(e);
      }
      running.complete(false);
    });
    reader.setDaemon(true);
    reader.start();
    assertThat(running.get(60, TimeUnit.SECONDS)).as("kindling run output: %s", output).isTrue();
    return process;
  }

  private static List<String> sets(Map<String, String> keys) {
    List<String> arguments = new ArrayList<>();
    keys.forEach((key, value) -> arguments.addAll(List.of("--set", key + "=" + value)));
    return arguments;
  }

  private static void stopsOnSigtermAndLeavesTheServer(Process process, XmppServer server, StringBuilder output)
      throws Exception {
    stopsOnSigtermAndLeavesTheServer(process, server, "echo", output);
  }

  private static void stopsOnSigtermAndLeavesTheServer(Process process, XmppServer server, String component,
      StringBuilder output) throws Exception {
    // SIGTERM through the handle: Process.destroy() would also close the pipe, losing what it logs as it stops.
    process.toHandle().destroy();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM; output: %s", output).isTrue();
    assertThat(process.exitValue()).isEqualTo(143);
    // The old stream is gone: Prosody would refuse a second component for the domain with conflict.
    try (ComponentConnection again = new ComponentConnection(server.componentSettings(component).build())) {
      again.connect(packet -> { });
      assertThat(again.state()).isEqualTo(ConnectionState.AUTHENTICATED);
    }
    // Stopping is logged, so an operator sees it drained and closed rather than a silent exit.
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      synchronized (output) {
        assertThat(output.toString()).contains(component + ": closed its connection and stopped");
      }
    });
    synchronized (output) {
      assertThat(output.toString()).doesNotContain("Exception")
          .contains(component + ": handled every accepted stanza");
    }
  }

  @XmppServerTest
  void runsTheComponentsOfAConfigFileUntilSigterm(XmppServer server) throws Exception {
    Path config = Files.writeString(dir.resolve("kindling.properties"), String.join("\n",
        "host=" + server.host(),
        "secret=" + server.componentSecret(),
        "server-domain=" + server.domain(),
        "components=echo",
        "component.echo.port=" + server.componentPort("echo"),
        "component.echo.handlers=dev.kindling.samples.echo.EchoComponent", ""));
    StringBuilder output = new StringBuilder();
    Process process = run(List.of("--config", config.toString()), output);
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid echo = JidCreate.domainBareFrom(server.componentDomain("echo"));

      assertThat(alice.chat(echo, "from a config file").getBody()).isEqualTo("from a config file");
      stopsOnSigtermAndLeavesTheServer(process, server, output);
    } finally {
      process.destroyForcibly();
    }
  }

  @XmppServerTest
  void runsTheComponentsOfAModule(XmppServer server) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--module", "dev.kindling.samples.SamplesModule"));
    arguments.addAll(sets(server.kindlingConfig()));
    StringBuilder output = new StringBuilder();
    Process process = run(arguments, output);
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid echo = JidCreate.domainBareFrom(server.componentDomain("echo"));
      DomainBareJid concierge = JidCreate.domainBareFrom(server.componentDomain("concierge"));

      assertThat(alice.chat(echo, "from a module").getBody()).isEqualTo("from a module");
      assertThat(alice.chat(concierge, "version " + server.domain()).getBody()).startsWith(server.domain() + " runs ");
      stopsOnSigtermAndLeavesTheServer(process, server, output);
    } finally {
      process.destroyForcibly();
    }
  }

  /**
   * The greeter's keys from the three sources: {@code greeter.greeting} from all three ({@code --set} wins),
   * {@code greeter.times} from the file and the environment (the environment wins), {@code greeter.signature}
   * from the file alone.
   */
  private Path greeterConfig(XmppServer server, String... more) throws IOException {
    List<String> lines = new ArrayList<>(List.of("host=" + server.host(), "secret=" + server.componentSecret(),
        "server-domain=" + server.domain(), "component.greeter.port=" + server.componentPort("greeter"),
        "greeter.greeting=Hello-from-the-file", "greeter.times=1", "greeter.signature=signed in the file"));
    lines.addAll(List.of(more));
    return Files.writeString(dir.resolve("greeter.properties"), String.join("\n", lines) + "\n");
  }

  private static final Map<String, String> GREETER_ENVIRONMENT = Map.of(
      "KINDLING_GREETER_GREETING", "Hello-from-the-environment", "KINDLING_GREETER_TIMES", "2");

  @XmppServerTest
  void aModulesOwnKeysComeFromTheFileTheEnvironmentAndFlagsInThatOrder(XmppServer server) throws Exception {
    List<String> arguments = List.of("--module", "dev.kindling.samples.greeter.GreeterModule",
        "--config", greeterConfig(server).toString(), "--set", "greeter.greeting=Bonjour");
    StringBuilder output = new StringBuilder();
    Process process = run(arguments, GREETER_ENVIRONMENT, output);
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid greeter = JidCreate.domainBareFrom(server.componentDomain("greeter"));

      assertThat(alice.chat(greeter, "Alice").getBody()).isEqualTo("Bonjour Bonjour, Alice! (signed in the file)");
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited after SIGTERM; output: %s", output).isTrue();
    } finally {
      process.destroyForcibly();
    }
  }

  @XmppServerTest
  void aMistypedModuleKeyIsRefusedWithTheKeyMeantAndExitTwo(XmppServer server) throws Exception {
    Path log = dir.resolve("kindling.log");
    List<String> arguments = List.of("--module", "dev.kindling.samples.greeter.GreeterModule",
        "--config", greeterConfig(server, "greeter.signatrue=typo").toString(), "--set", "greeter.times=9");
    Process process = kindlingRun(arguments, Map.of("KINDLING_GREETER_GRETING", "Hi")).redirectOutput(log.toFile())
        .start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kindling run exited").isTrue();

      assertThat(process.exitValue()).isEqualTo(2);
      assertThat(Files.readString(log)).isEqualTo("kindling: 3 configuration problems:\n"
          + "  unknown key 'greeter.signatrue' (from " + dir.resolve("greeter.properties") + "); did you mean"
          + " 'greeter.signature'?\n"
          + "  greeter.times = '9' (from flag --set greeter.times) is out of range (expected 1..5)\n"
          + "  unknown environment variable KINDLING_GREETER_GRETING; did you mean KINDLING_GREETER_GREETING (key"
          + " 'greeter.greeting')?\n");
    } finally {
      process.destroyForcibly();
    }
  }

  /** Files of a class directory or jar whose paths start with {@code prefix}. */
  private record Content(Path root, String prefix) {}

  /** Writes {@code jar} with {@code contents}, as a component's build would. */
  private static Path jar(Path jar, Content... contents) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Content content : contents) {
        try (FileSystem zip = Files.isDirectory(content.root()) ? null : FileSystems.newFileSystem(content.root())) {
          Path root = zip == null ? content.root() : zip.getPath("/");
          try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
              String name = root.relativize(file).toString().replace('\\', '/');
              if (name.startsWith(content.prefix())) {
                out.putNextEntry(new JarEntry(name));
                Files.copy(file, out);
                out.closeEntry();
              }
            }
          }
        }
      }
    }
    return jar;
  }

  private static Path testClasses() throws Exception {
    return Path.of(Greeter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private void greeterAnswersThroughKindlingRun(XmppServer server, String jarArgument) throws Exception {
    List<String> arguments = new ArrayList<>(List.of("--jar", jarArgument, "--module", GreeterModule.class.getName()));
    arguments.addAll(sets(server.kindlingConfig()));
    StringBuilder output = new StringBuilder();
    Process process = run(arguments, output);
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid greeter = JidCreate.domainBareFrom(server.componentDomain("test2"));

      assertThat(alice.chat(greeter, "alice").getBody()).isEqualTo(Greetings.greet("alice"));
      stopsOnSigtermAndLeavesTheServer(process, server, "test2", output);
    } finally {
      process.destroyForcibly();
    }
  }

  @XmppServerTest
  void runsAReadyComponentFromAJarByItsNameAloneWithItsOwnKey(XmppServer server) throws Exception {
    // The jar an operator would be handed: the component and its META-INF/services entry, no module to name.
    Path jar = jar(dir.resolve("parrot.jar"), new Content(testClasses(), "dev/kindling/cli/ready/"),
        new Content(testClasses(), "META-INF/services/"));
    List<String> arguments = new ArrayList<>(List.of("--jar", jar.toString(), "--set", "components=parrot",
        "--set", "parrot.prefix=Rosie:"));
    arguments.addAll(sets(server.kindlingConfig()));
    StringBuilder output = new StringBuilder();
    Process process = run(arguments, output);
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid parrot = JidCreate.domainBareFrom(server.componentDomain("parrot"));

      assertThat(alice.chat(parrot, "pieces of eight").getBody()).isEqualTo("Rosie: pieces of eight");
      stopsOnSigtermAndLeavesTheServer(process, server, "parrot", output);
    } finally {
      process.destroyForcibly();
    }
  }

  @XmppServerTest
  void runsAComponentShippedAsADirectoryOfJars(XmppServer server) throws Exception {
    Path lib = Files.createDirectory(dir.resolve("lib"));
    jar(lib.resolve("greeter.jar"), new Content(testClasses(), "dev/kindling/cli/fixture/"));
    jar(lib.resolve("greetings-lib.jar"), new Content(testClasses(), "dev/kindling/cli/fixturelib/"));

    greeterAnswersThroughKindlingRun(server, lib.toString());
  }

  @XmppServerTest
  void runsAComponentShippedAsOneShadedJar(XmppServer server) throws Exception {
    // Shaded as a build without 'provided' scope does it: Kindling's own classes inside too.
    Path kindling = Path.of(Kindling.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path shaded = jar(dir.resolve("greeter-all.jar"), new Content(testClasses(), "dev/kindling/cli/fixture/"),
        new Content(testClasses(), "dev/kindling/cli/fixturelib/"), new Content(kindling, "dev/kindling/"));

    greeterAnswersThroughKindlingRun(server, shaded.toString());
  }
}
