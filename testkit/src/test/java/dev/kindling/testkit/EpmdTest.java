package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpmdTest {
  /** An epmd in memory: whether it runs, its nodes, and how often it was killed. */
  private static final class FakeDaemon implements Epmd.Control {
    boolean running;
    final List<String> nodes = new ArrayList<>();
    int kills;

    @Override
    public boolean running() {
      return running;
    }

    @Override
    public List<String> otherNodes() {
      return List.copyOf(nodes);
    }

    @Override
    public void kill() {
      kills++;
      running = false;
    }
  }

  @Test
  void anEpmdTheServersStartedIsKilledWhenTheLastOneCloses() throws Exception {
    FakeDaemon daemon = new FakeDaemon();
    Epmd epmd = new Epmd(daemon);

    epmd.serverCreated();
    epmd.serverCreated();
    daemon.running = true;                     // ejabberdctl start launched it
    epmd.serverClosed();
    assertThat(daemon.kills).as("kills while a server is open").isZero();
    epmd.serverClosed();

    assertThat(daemon.kills).isEqualTo(1);
  }

  @Test
  void anEpmdThatRanBeforeTheFirstServerIsLeftRunning() throws Exception {
    FakeDaemon daemon = new FakeDaemon();
    daemon.running = true;
    Epmd epmd = new Epmd(daemon);

    epmd.serverCreated();
    epmd.serverClosed();

    assertThat(daemon.kills).isZero();
  }

  @Test
  void anEpmdAnotherNodeStillUsesIsLeftRunning() throws Exception {
    FakeDaemon daemon = new FakeDaemon();
    Epmd epmd = new Epmd(daemon);

    epmd.serverCreated();
    daemon.running = true;
    daemon.nodes.add("kindling-4242-1");       // another JVM's ejabberd
    epmd.serverClosed();

    assertThat(daemon.kills).isZero();
  }

  @Test
  void aSecondRoundOfServersLooksAgainWhetherEpmdRuns() throws Exception {
    FakeDaemon daemon = new FakeDaemon();
    Epmd epmd = new Epmd(daemon);
    epmd.serverCreated();
    epmd.serverClosed();                       // never started: nothing to kill
    daemon.running = true;                     // someone else started one meanwhile

    epmd.serverCreated();
    epmd.serverClosed();

    assertThat(daemon.kills).isZero();
  }
}
