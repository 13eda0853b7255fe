package dev.kindling.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the servers' command-line tools, each within a time limit. */
final class Commands {
  private Commands() {}

  /** The result of a finished command. */
  record Result(int exitCode, String output) {}

  /** Runs {@code command}, returning its exit code and output; kills it after {@code timeout}. */
  static Result run(List<String> command, Duration timeout) throws IOException {
    return run(new ProcessBuilder(command), timeout);
  }

  /**
   * Runs the command {@code builder} describes, in its directory and environment, returning its exit code and
   * output (the builder's redirections are replaced); kills it after {@code timeout}.
   */
  static Result run(ProcessBuilder builder, Duration timeout) throws IOException {
    Path output = Files.createTempFile("kindling-command-", ".out");
    try {
      return run(builder, timeout, output);
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static Result run(ProcessBuilder builder, Duration timeout, Path output) throws IOException {
    List<String> command = builder.command();
    Process process = start(builder.redirectErrorStream(true).redirectOutput(output.toFile()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IOException(String.join(" ", command) + " did not finish within " + timeout);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command.get(0), e);
    }
    return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
  }

  /** Runs {@code command} and fails with its output unless it exits with 0. */
  static String check(List<String> command, Duration timeout) throws IOException {
    return check(new ProcessBuilder(command), timeout);
  }

  /** Runs the command {@code builder} describes and fails with its output unless it exits with 0. */
  static String check(ProcessBuilder builder, Duration timeout) throws IOException {
    Result result = run(builder, timeout);
    if (result.exitCode() != 0) {
      throw new IOException(String.join(" ", builder.command()) + " exited with " + result.exitCode() + ": "
          + result.output());
    }
    return result.output();
  }

  /** Starts a process; a missing program gets a message saying how to install the servers. */
  static Process start(ProcessBuilder builder) throws IOException {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IOException("cannot run " + builder.command().get(0) + " (" + e.getMessage() + "); install the"
          + " servers with 'sudo apt-get install -y prosody ejabberd' or scripts/install-deps", e);
    }
  }
}
