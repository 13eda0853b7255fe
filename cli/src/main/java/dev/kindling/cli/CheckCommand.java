package dev.kindling.cli;

import dev.kindling.connection.ComponentConnection;
import dev.kindling.connection.ComponentSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code kindling check}: connects, does the XEP-0114 handshake, says whether the server accepted it. */
@Command(name = "check", description = "Connect to the server's component port, handshake, and report.")
final class CheckCommand implements Callable<Integer> {
  @Mixin
  private ServerOptions server;

  @Mixin
  private HelpOption help;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ComponentSettings settings = server.settings();
    long start = System.nanoTime();
    try (ComponentConnection connection = new ComponentConnection(settings)) {
      connection.connect(packet -> { });
      long millis = (System.nanoTime() - start) / 1_000_000;
      spec.commandLine().getOut().println("ok: server at " + settings.address() + " accepted " + settings.domain()
          + " (handshake in " + millis + " ms)");
    }
    return 0;
  }
}
