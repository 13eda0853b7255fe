package dev.kindling.cli;

/** The entry point of {@code kindling}; the only place that calls {@link System#exit}. */
public final class Main {
  private Main() {}

  /** Runs the command line and exits with its code: 0 success, 1 failure, 2 bad usage. */
  public static void main(String[] args) {
    System.exit(KindlingCommand.commandLine().execute(args));
  }
}
