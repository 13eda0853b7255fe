package dev.kindling.bench.pubsub;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * How busy the whole machine was (Linux {@code /proc/stat}) and how much of that was PostgreSQL's ({@code
 * postgres} processes), so that a measurement can say how much CPU others took from it: on the shared 2-core
 * build machine, tests of other work run alongside.
 *
 * @param busySeconds CPU seconds of every core, not idle, since boot
 * @param postgresSeconds CPU seconds of the processes named {@code postgres} now running
 */
record MachineLoad(double busySeconds, double postgresSeconds) {
  private static final double TICKS_PER_SECOND = 100;

  /** Now. */
  static MachineLoad now() {
    return new MachineLoad(busy(), postgres());
  }

  private static double busy() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] fields = cpu.trim().split("\\s+");
      // user nice system idle iowait irq softirq steal
      long busy = 0;
      for (int i = 1; i <= 8 && i < fields.length; i++) {
        if (i != 4 && i != 5) {
          busy += Long.parseLong(fields[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  private static double postgres() {
    double seconds = 0;
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path process : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .toList()) {
        try {
          String stat = Files.readString(process.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          if (!stat.substring(open + 1, close).equals("postgres")) {
            continue;
          }
          String[] fields = stat.substring(close + 2).split(" ");
          seconds += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException gone) {
          // the process ended meanwhile
        }
      }
    } catch (IOException e) {
      return Double.NaN;
    }
    return seconds;
  }
}
