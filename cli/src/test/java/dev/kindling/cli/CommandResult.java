package dev.kindling.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** What running {@code kindling} in-process printed and returned. */
record CommandResult(int exitCode, String out, String err) {
  static CommandResult run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = KindlingCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CommandResult(code, out.toString(), err.toString());
  }
}
