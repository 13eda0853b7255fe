package dev.kindling.testkit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Erlang's port mapper daemon, which {@code ejabberdctl start} launches ({@code epmd -daemon}) when none runs and
 * which outlives every ejabberd: stopped again when the last {@link EjabberdServer} of this JVM closes, if it did
 * not run before the first one was created and no other Erlang node (another test run's ejabberd, say) is still
 * registered with it. The counts are guarded by this object's lock.
 */
final class Epmd {
  /** What this class does to the daemon: ask whether it runs, which nodes it knows, and stop it. */
  interface Control {
    /** Whether an epmd answers on this machine. */
    boolean running() throws IOException;

    /** The names of the nodes registered with it, but for this JVM's own ejabberd nodes. */
    List<String> otherNodes() throws IOException;

    /** Stops it. */
    void kill() throws IOException;
  }

  /** The one for this JVM's servers, running the {@code epmd} command. */
  static final Epmd SYSTEM = new Epmd(new Command());

  private final Control control;
  private int servers;
  private boolean ranBefore;

  Epmd(Control control) {
    this.control = control;
  }

  /** Notes a server about to start; the first one notes whether epmd already ran. */
  synchronized void serverCreated() throws IOException {
    if (servers++ == 0) {
      ranBefore = control.running();
    }
  }

  /** Notes a server closed; after the last one, stops the epmd its servers started if no node still uses it. */
  synchronized void serverClosed() throws IOException {
    if (--servers == 0 && !ranBefore && control.running() && control.otherNodes().isEmpty()) {
      control.kill();
    }
  }

  /**
   * The {@code epmd} command: {@code -names} exits with 0 when one runs and prints a line {@code name N at port P}
   * per node; {@code -kill} stops it.
   */
  private static final class Command implements Control {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** How {@link EjabberdServer} names this JVM's nodes, which may not have left epmd yet when the last closes. */
    private static final String OWN_NODES = EjabberdServer.NODE_PREFIX + ProcessHandle.current().pid() + "-";

    @Override
    public boolean running() throws IOException {
      return Commands.run(List.of("epmd", "-names"), TIMEOUT).exitCode() == 0;
    }

    @Override
    public List<String> otherNodes() throws IOException {
      return Commands.run(List.of("epmd", "-names"), TIMEOUT).output().lines()
          .filter(line -> line.startsWith("name ")).map(line -> line.split(" ")[1])
          .filter(node -> !node.startsWith(OWN_NODES)).toList();
    }

    @Override
    public void kill() throws IOException {
      Commands.check(List.of("epmd", "-kill"), TIMEOUT);
    }
  }
}
