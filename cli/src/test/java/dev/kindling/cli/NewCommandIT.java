package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kindling new} as a user runs it, then the generated project's own build: it must compile and pass its
 * unit and integration tests as written. Needs Kindling's artifacts in the local Maven repository (the CI's
 * {@code mvn install} puts them there before this module's integration tests); the nested build runs offline.
 */
class NewCommandIT {
  private static final long BUILD_MINUTES = 8;

  @TempDir
  Path dir;

  private static Process start(Path workDir, Path log, List<String> command) throws Exception {
    return new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
  }

  private static int finish(Process process, long minutes, Path log) throws Exception {
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new AssertionError("did not finish within " + minutes + " min; output:\n" + Files.readString(log));
    }
    return process.exitValue();
  }

  /** How many test cases the XML reports in {@code reports} name. */
  private static long testsRun(Path reports) throws Exception {
    long count = 0;
    try (Stream<Path> files = Files.list(reports)) {
      for (Path file : files.filter(file -> file.getFileName().toString().startsWith("TEST-")).toList()) {
        count += Files.readString(file).split("<testcase ", -1).length - 1;
      }
    }
    return count;
  }

  @Test
  void theGeneratedProjectBuildsAndPassesItsTests() throws Exception {
    Path project = dir.resolve("scaffold-check");
    Path newLog = dir.resolve("new.log");
    String java = ProcessHandle.current().info().command().orElse("java");
    int created = finish(start(Path.of("."), newLog, List.of(java, "-jar", Path.of("target", "kindling.jar")
        .toString(), "new", "scaffold-check", "--package", "org.example.scaffold", "--dir", project.toString())), 1,
        newLog);
    assertThat(created).as("kindling new: %s", Files.readString(newLog)).isZero();

    Path buildLog = dir.resolve("build.log");
    int built = finish(start(project, buildLog, List.of("mvn", "-B", "-ntp", "-o", "verify")), BUILD_MINUTES,
        buildLog);

    assertThat(built).as("mvn verify in the generated project:\n%s", Files.readString(buildLog)).isZero();
    assertThat(testsRun(project.resolve("target/surefire-reports"))).as("unit tests run").isEqualTo(3);
    assertThat(testsRun(project.resolve("target/failsafe-reports"))).as("integration tests run (2 servers)")
        .isEqualTo(2);
  }
}
