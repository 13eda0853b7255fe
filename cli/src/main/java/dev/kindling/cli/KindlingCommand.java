package dev.kindling.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.kindling.dispatch.HandlerRegistrationException;
import dev.kindling.inject.ConfigException;
import java.io.PrintWriter;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The top of the {@code kindling} command: global options, and the mapping of failures to one line on standard
 * error and an exit code (1 for a failure, 2 for bad usage or configuration, handler problems included; stack
 * traces only with {@code --verbose}). A usage error names the command's {@code --help}, which every command
 * takes.
 */
@Command(
    name = "kindling",
    mixinStandardHelpOptions = true,
    versionProvider = KindlingCommand.Version.class,
    description = "Runs and checks XMPP external components (XEP-0114).",
    subcommands = {CheckCommand.class, RunCommand.class, KeysCommand.class, NewCommand.class, DemoCommand.class,
        CommandLine.HelpCommand.class})
public final class KindlingCommand {
  private boolean verbose;

  @Option(names = {"-v", "--verbose"}, description = "Log in detail and print stack traces.",
      scope = CommandLine.ScopeType.INHERIT)
  void verbose(boolean verbose) {
    this.verbose = verbose;
    Logger kindling = (Logger) LoggerFactory.getLogger("dev.kindling");
    kindling.setLevel(verbose ? Level.DEBUG : null);
  }

  /** The configured command line, ready to {@code execute}. */
  static CommandLine commandLine() {
    KindlingCommand top = new KindlingCommand();
    CommandLine commandLine = new CommandLine(top);
    commandLine.setExecutionExceptionHandler((failure, line, parsed) -> {
      PrintWriter err = line.getErr();
      err.println("kindling: " + failure.getMessage());
      if (top.verbose) {
        failure.printStackTrace(err);
      }
      err.flush();
      return failure instanceof ConfigException || failure instanceof HandlerRegistrationException ? 2 : 1;
    });
    commandLine.setParameterExceptionHandler((failure, args) -> {
      CommandLine line = failure.getCommandLine();
      line.getErr().println("kindling: " + failure.getMessage() + " (see '" + line.getCommandSpec().qualifiedName()
          + " --help')");
      line.getErr().flush();
      return 2;
    });
    return commandLine;
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = KindlingCommand.class.getPackage().getImplementationVersion();
      return new String[] {"kindling " + (version == null ? "(development build)" : version),
          "Java " + Runtime.version() + ", " + System.getProperty("java.vm.name")};
    }
  }
}
