package dev.kindling.bench.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A peer running as a process of its own, so that its CPU time and memory can be read from {@code /proc}
 * apart from the load's.
 */
public final class PeerProcess implements AutoCloseable {
  private static final long TICKS_PER_SECOND = 100;

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  public PeerProcess(List<String> command) throws IOException {
    process = new ProcessBuilder(command).redirectErrorStream(true).start();
    Thread reader = new Thread(() -> {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          if (output.length() < 20_000) {
            output.append(line).append('\n');
          }
          if (line.contains("READY")) {
            ready.complete(null);
          }
        }
      } catch (IOException e) {
        ready.completeExceptionally(e);
      }
      ready.completeExceptionally(new IOException("peer exited: " + output));
    }, "peer-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Waits until the peer says it is connected. */
  public void awaitReady() throws Exception {
    ready.get(60, TimeUnit.SECONDS);
  }

  /** User plus system CPU seconds the peer has used so far. */
  public double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / (double) TICKS_PER_SECOND;
  }

  /** Resident memory in MiB. */
  public double residentMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
      }
    }
    return Double.NaN;
  }

  /** The process id, for {@code jcmd} and {@code /proc}. */
  public long pid() {
    return process.pid();
  }

  /** Whether the process still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Closes the peer's standard input, which a peer that reads it takes as the sign to stop cleanly, and waits
   * for it to exit.
   *
   * @return whether it exited within {@code seconds}
   */
  public boolean endInput(long seconds) throws IOException, InterruptedException {
    process.getOutputStream().close();
    return process.waitFor(seconds, TimeUnit.SECONDS);
  }

  /** What the peer printed, for failures. */
  public String output() {
    return output.toString();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
