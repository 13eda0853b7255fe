package dev.kindling.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A framework under test and how to start it as a component process: {@code command} followed by
 * {@code host port domain secret [workMicros]}.
 *
 * @param name the name in results
 * @param command the command before the common arguments
 * @param missing why it cannot run here, or {@code null} if it can
 */
record Peer(String name, List<String> command, String missing) {
  /** The peers, in the order results list them; those whose parts are missing say why. */
  static List<Peer> all(Path benchJar, Path peersDir) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<Peer> peers = new ArrayList<>();
    peers.add(java("ceiling", java, benchJar, "dev.kindling.bench.peers.CeilingPeer"));
    peers.add(java("kindling", java, benchJar, "dev.kindling.bench.peers.KindlingPeer"));
    peers.add(java("kindling-tinder", java, benchJar, "dev.kindling.bench.peers.KindlingTinderPeer"));
    peers.add(jar("whack", java, peersDir.resolve("whack/target/whack-peer.jar")));
    peers.add(jar("babbler", java, peersDir.resolve("babbler/target/babbler-peer.jar")));
    Path slixmpp = peersDir.resolve("slixmpp/echo.py");
    peers.add(new Peer("slixmpp", List.of("/usr/bin/python3", slixmpp.toString()),
        Files.exists(Path.of("/usr/lib/python3/dist-packages/slixmpp")) ? null
            : "python3-slixmpp is not installed"));
    Path xmppjs = peersDir.resolve("xmppjs");
    peers.add(new Peer("xmpp.js", List.of("node", xmppjs.resolve("echo.js").toString()),
        Files.isDirectory(xmppjs.resolve("node_modules/@xmpp/component")) ? null
            : "npm install has not run in " + xmppjs));
    return peers;
  }

  private static Peer java(String name, String java, Path jar, String main) {
    List<String> command = new ArrayList<>(List.of(java, "-Xmx1g"));
    String extra = System.getenv("KINDLING_BENCH_PEER_JVM_OPTIONS");
    if (extra != null && !extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.addAll(List.of("-cp", jar.toString(), main));
    return new Peer(name, command, null);
  }

  private static Peer jar(String name, String java, Path jar) {
    return new Peer(name, List.of(java, "-Xmx1g", "-jar", jar.toString()),
        Files.exists(jar) ? null : jar + " is not built");
  }

  /** The full command for a component {@code domain} at {@code host:port}. */
  List<String> commandFor(String host, int port, String domain, String secret, long workMicros) {
    List<String> full = new ArrayList<>(command);
    full.addAll(List.of(host, Integer.toString(port), domain, secret, Long.toString(workMicros)));
    return full;
  }
}
