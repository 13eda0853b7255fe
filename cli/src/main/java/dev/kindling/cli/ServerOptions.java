package dev.kindling.cli;

import dev.kindling.connection.ComponentSettings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the server is and what the component claims, from flags or else the {@code KINDLING_*} environment
 * variables, checked into {@link ComponentSettings} with a usage error naming what is wrong.
 */
final class ServerOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec spec;

  @Option(names = "--host", defaultValue = "${env:KINDLING_HOST:-127.0.0.1}",
      description = "Server host (env KINDLING_HOST; default ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "${env:KINDLING_PORT:-5347}",
      description = "Server component port (env KINDLING_PORT; default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--domain", defaultValue = "${env:KINDLING_DOMAIN}",
      description = "The component's domain, e.g. echo.example.org (env KINDLING_DOMAIN).")
  String domain;

  @Option(names = "--secret", defaultValue = "${env:KINDLING_SECRET}",
      description = "The component secret configured on the server (env KINDLING_SECRET; prefer the variable: "
          + "flags show in the process list).")
  String secret;

  /** The settings, or a usage error (exit 2) naming the missing or invalid value. */
  ComponentSettings settings() {
    if (domain == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "missing --domain (or KINDLING_DOMAIN)");
    }
    if (secret == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "missing --secret (or KINDLING_SECRET)");
    }
    try {
      return ComponentSettings.builder().host(host).port(port).domain(domain).secret(secret).build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
