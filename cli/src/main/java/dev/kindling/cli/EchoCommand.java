package dev.kindling.cli;

import dev.kindling.connection.ComponentSettings;
import dev.kindling.samples.echo.EchoComponent;
import dev.kindling.tinder.TinderComponentHost;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code kindling echo}: attaches the echo sample to a server and serves until stopped. */
@Command(name = "echo", description = "Attach the echo component to a server and serve until Ctrl-C.")
final class EchoCommand implements Callable<Integer> {
  @Mixin
  private ServerOptions server;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ComponentSettings settings = server.settings();
    TinderComponentHost host = new TinderComponentHost(settings.toBuilder().domain(settings.serverDomain()).build());
    host.addComponent(settings, new EchoComponent());
    spec.commandLine().getOut().println("echo component serving " + settings.domain() + " via " + settings.address()
        + "; Ctrl-C to stop");
    spec.commandLine().getOut().flush();
    UntilStopped.await(host);
    return 0;
  }
}
