package dev.kindling.cli;

import picocli.CommandLine.Option;

/** The {@code -h/--help} option every {@code kindling} command takes: prints the command's usage and exits 0. */
final class HelpOption {
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
  boolean help;
}
