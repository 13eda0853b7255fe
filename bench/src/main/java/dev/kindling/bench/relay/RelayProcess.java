package dev.kindling.bench.relay;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.relay.RelayModule;
import java.util.Map;

/**
 * Kindling's relay in a process of its own, so the benchmark reads its CPU and memory apart from the clients':
 * {@code RelayProcess <host> <component port> <server domain> <secret> <socks5 port>} (the component is
 * {@code relay.<server domain>}), limits raised for 1 000 transfers
 * at once. Runs until killed.
 */
public final class RelayProcess {
  private RelayProcess() {}

  /** Starts the relay. */
  public static void main(String[] args) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(Map.of(
        "host", args[0], "component.relay.port", args[1], "server-domain", args[2], "secret", args[3],
        "relay.listen-host", "127.0.0.1", "relay.listen-port", args[4],
        "relay.max-transfers", "5000", "relay.max-transfers-per-jid", "5000", "relay.max-connections", "12000")),
        new RelayModule());
    kindling.start();
    Thread.currentThread().join();
  }
}
