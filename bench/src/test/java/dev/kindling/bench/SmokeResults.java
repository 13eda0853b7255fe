package dev.kindling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The results file a benchmark's smoke run wrote: what its smoke test reads back. */
public final class SmokeResults {
  private SmokeResults() {}

  /**
   * The text of the file in {@code out} whose name ends with {@code suffix} ({@code -mucbot-smoke.md}).
   *
   * @throws java.util.NoSuchElementException if the run wrote none
   */
  public static String read(Path out, String suffix) throws IOException {
    Path file;
    try (Stream<Path> files = Files.list(out)) {
      file = files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElseThrow();
    }
    return Files.readString(file);
  }
}
