package dev.kindling.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What a test server is set up with: the component domains it accepts (each {@code name.localhost}, all with
 * {@link #componentSecret()}), the users it has, and where its files go.
 *
 * @param componentNames the first labels of the component domains, such as {@code echo} for {@code echo.localhost}
 * @param usernames the accounts to register, each with the password {@code <name>-password}
 * @param componentSecret the secret every component domain accepts
 * @param workDir the directory under which each server gets a directory of its own
 * @param serverProxy whether the server runs its own SOCKS5 bytestreams proxy ({@code mod_proxy65}) at
 *     {@link XmppServer#serverProxyDomain()}, for benchmarks that compare Kindling's relay with it; off by default,
 *     since clients would otherwise find two proxies
 */
public record ServerConfig(List<String> componentNames, List<String> usernames, String componentSecret, Path workDir,
    boolean serverProxy) {
  /** Component names every test server accepts. */
  public static final List<String> DEFAULT_COMPONENTS = List.of("echo", "sample", "test1", "test2", "test3", "pubsub");
  /** Users every test server has. */
  public static final List<String> DEFAULT_USERS = List.of("alice", "bob", "carol");

  /** A server without a proxy of its own. */
  public ServerConfig(List<String> componentNames, List<String> usernames, String componentSecret, Path workDir) {
    this(componentNames, usernames, componentSecret, workDir, false);
  }

  /** This configuration with the server's own SOCKS5 proxy on. */
  public ServerConfig withServerProxy() {
    return new ServerConfig(componentNames, usernames, componentSecret, workDir, true);
  }

  /** Checks the names are usable in a domain and in the servers' configuration files. */
  public ServerConfig {
    componentNames = List.copyOf(componentNames);
    usernames = List.copyOf(usernames);
    Objects.requireNonNull(componentSecret, "componentSecret");
    if (!componentSecret.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException("component secret must be letters, digits, '.', '_' or '-'");
    }
    Objects.requireNonNull(workDir, "workDir");
    for (String name : componentNames) {
      if (!name.matches("[a-z0-9][a-z0-9-]*")) {
        throw new IllegalArgumentException("component name '" + name + "' is not a lower-case DNS label");
      }
      if (name.equals(XmppServer.MUC) || name.equals(XmppServer.SERVER_PUBSUB) || name.equals(XmppServer.PROXY)) {
        throw new IllegalArgumentException("component name '" + name + "' is taken by a service of the server "
            + "itself (" + XmppServer.MUC + ", " + XmppServer.SERVER_PUBSUB + ", " + XmppServer.PROXY + ")");
      }
    }
    for (String name : usernames) {
      if (!name.matches("[a-z0-9][a-z0-9._-]*")) {
        throw new IllegalArgumentException("user name '" + name + "' is not a simple lower-case local part");
      }
    }
  }

  /** The defaults, plus {@code extraComponents}, with files under {@code target/kindling-servers}. */
  public static ServerConfig withExtraComponents(List<String> extraComponents) {
    List<String> names = new java.util.ArrayList<>(DEFAULT_COMPONENTS);
    extraComponents.stream().filter(name -> !names.contains(name)).forEach(names::add);
    return new ServerConfig(names, DEFAULT_USERS, "kindling-test-secret", Path.of("target", "kindling-servers"));
  }
}
