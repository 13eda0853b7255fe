package dev.kindling.bench.pubsub;

import dev.kindling.testkit.EjabberdServer;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.XmppServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * CPU time of given processes, read from {@code /proc} (Linux): of a process (a test server), of a process and
 * its descendants (one PostgreSQL's postmaster and backends, not every {@code postgres} on the machine), and of
 * this JVM (the load); with {@link MachineLoad}'s whole-machine figure, a table can say who used the cores while
 * a figure was measured and whether anything else did.
 */
public final class CpuTime {
  /** {@code USER_HZ}, 100 on every Linux the benchmark runs on (as {@code PeerProcess} assumes too). */
  private static final double TICKS_PER_SECOND = 100;

  private CpuTime() {}

  /** User plus system seconds {@code pid} has used, or 0 if it is gone. */
  public static double process(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** {@link #process} of {@code pid} and of every live descendant. */
  static double tree(long pid) {
    double seconds = process(pid);
    for (ProcessHandle child : ProcessHandle.of(pid).map(handle -> handle.descendants().toList())
        .orElse(java.util.List.of())) {
      seconds += process(child.pid());
    }
    return seconds;
  }

  /** {@link #process} of this JVM: the load's client side. */
  static double self() {
    return process(ProcessHandle.current().pid());
  }

  /** The process of a test server: from its pid file, else the one whose command line names its directory. */
  public static long serverProcess(XmppServer server) throws IOException {
    Path dir = server instanceof ProsodyServer prosody ? prosody.directory() : ((EjabberdServer) server).directory();
    for (String name : List.of("prosody.pid", "ejabberd.pid")) {
      Path file = dir.resolve(name);
      if (Files.exists(file)) {
        return Long.parseLong(Files.readString(file).strip());
      }
    }
    OptionalLong pid = processWithArgument(dir.toString());
    if (pid.isEmpty()) {
      throw new IOException("cannot find the process of " + server);
    }
    return pid.getAsLong();
  }

  /**
   * The process (the lowest id, if several) whose command line contains {@code text}, a server's own directory:
   * how a test server's process is found when it wrote no pid file, as the test kit keeps its handles to itself.
   */
  public static OptionalLong processWithArgument(String text) {
    long found = Long.MAX_VALUE;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path entry : entries) {
        long pid = Long.parseLong(entry.getFileName().toString());
        if (pid == ProcessHandle.current().pid()) {
          continue;
        }
        try {
          String command = new String(Files.readAllBytes(entry.resolve("cmdline")), StandardCharsets.UTF_8);
          if (command.contains(text) && pid < found) {
            found = pid;
          }
        } catch (IOException e) {
          // gone meanwhile, or not ours to read
        }
      }
    } catch (IOException e) {
      return OptionalLong.empty();
    }
    return found == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(found);
  }
}
