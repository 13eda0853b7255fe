package dev.kindling.relay;

import dev.kindling.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The configuration of the SOCKS5 relay: where it listens, what it tells clients, who may use it, its limits. */
public final class RelayKeys {
  /** The address the SOCKS5 server listens on. */
  public static final ConfigKey<String> LISTEN_HOST = ConfigKey.string("relay.listen-host").withDefault("0.0.0.0")
      .withDescription("the address the SOCKS5 server listens on (0.0.0.0: all IPv4; ::: all IPv4 and IPv6)");
  /** The port the SOCKS5 server listens on. */
  public static final ConfigKey<Integer> LISTEN_PORT = ConfigKey.integer("relay.listen-port", 0, 65535)
      .withDefault(7777).withDescription("the port the SOCKS5 server listens on (0: any free one)");
  /** The addresses clients are told to connect to, one streamhost each. */
  public static final ConfigKey<List<String>> ADVERTISED_HOSTS = ConfigKey.strings("relay.advertised-hosts")
      .withDescription("the addresses clients are told to connect to, e.g. the public IPv4 and IPv6 ones behind"
          + " NAT (default: the listen address, if it is not a wildcard)");
  /** The port clients are told to connect to. */
  public static final ConfigKey<Integer> ADVERTISED_PORT = ConfigKey.integer("relay.advertised-port", 1, 65535)
      .withDescription("the port clients are told to connect to (default: the port listened on)");

  /** Who may use the relay. */
  public static final ConfigKey<List<String>> ALLOW = ConfigKey.strings("relay.allow").withDefault(List.of("local"))
      .withDescription("who may use the relay: 'local' (users of the server's domain and its subdomains), other"
          + " domains, or 'everyone'");
  /** How many transfers may run at once. */
  public static final ConfigKey<Integer> MAX_TRANSFERS = ConfigKey.integer("relay.max-transfers", 1,
      Integer.MAX_VALUE).withDefault(1000).withDescription("how many transfers may run at once");
  /** How many transfers one user (bare JID of the initiator) may run at once. */
  public static final ConfigKey<Integer> MAX_TRANSFERS_PER_JID = ConfigKey.integer("relay.max-transfers-per-jid", 1,
      Integer.MAX_VALUE).withDefault(10).withDescription("how many transfers one initiator (bare JID) may run at"
          + " once");
  /** How many SOCKS5 connections may be open at once, waiting or relaying. */
  public static final ConfigKey<Integer> MAX_CONNECTIONS = ConfigKey.integer("relay.max-connections", 2,
      Integer.MAX_VALUE).withDefault(4096).withDescription("how many SOCKS5 connections may be open at once,"
          + " waiting or relaying (each transfer takes two)");
  /** The most one transfer may relay, both ways together. */
  public static final ConfigKey<Long> MAX_TRANSFER_BYTES = ConfigKey.size("relay.max-transfer-bytes")
      .withDefault(0L).withDescription("the most one transfer may relay, both ways together; it is cut beyond"
          + " (0: no limit)");
  /** The bandwidth of one transfer. */
  public static final ConfigKey<Long> TRANSFER_RATE = ConfigKey.size("relay.transfer-rate").withDefault(0L)
      .withDescription("bytes per second one transfer may relay (0: no limit)");
  /** The bandwidth of all transfers together. */
  public static final ConfigKey<Long> TOTAL_RATE = ConfigKey.size("relay.total-rate").withDefault(0L)
      .withDescription("bytes per second all transfers together may relay (0: no limit)");

  /** How long a connection may take for its SOCKS5 handshake. */
  public static final ConfigKey<Duration> HANDSHAKE_TIMEOUT = ConfigKey.duration("relay.handshake-timeout")
      .withDefault(Duration.ofSeconds(10)).withDescription("how long a client may take for its SOCKS5 handshake");
  /** How long a connection may wait for its peer and the activation. */
  public static final ConfigKey<Duration> ACTIVATION_TIMEOUT = ConfigKey.duration("relay.activation-timeout")
      .withDefault(Duration.ofSeconds(60))
      .withDescription("how long a connection may wait for the other side and the initiator's activation");
  /** How long an active transfer may move no byte. */
  public static final ConfigKey<Duration> IDLE_TIMEOUT = ConfigKey.duration("relay.idle-timeout")
      .withDefault(Duration.ofMinutes(5))
      .withDescription("how long an active transfer may move no byte before it is cut (e.g. a side not reading)");

  /** Every key, to declare. */
  public static final List<ConfigKey<?>> ALL = List.of(LISTEN_HOST, LISTEN_PORT, ADVERTISED_HOSTS, ADVERTISED_PORT,
      ALLOW, MAX_TRANSFERS, MAX_TRANSFERS_PER_JID, MAX_CONNECTIONS, MAX_TRANSFER_BYTES, TRANSFER_RATE, TOTAL_RATE,
      HANDSHAKE_TIMEOUT, ACTIVATION_TIMEOUT, IDLE_TIMEOUT);

  private RelayKeys() {}
}
