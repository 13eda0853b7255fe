package dev.kindling.relay;

import dev.kindling.config.ConfigKey;
import java.time.Duration;
import java.util.List;

/** The configuration of the SOCKS5 relay. */
public final class RelayKeys {
  /** The address the SOCKS5 server listens on. */
  public static final ConfigKey<String> LISTEN_HOST = ConfigKey.string("relay.listen-host").withDefault("0.0.0.0")
      .withDescription("the address the SOCKS5 server listens on (0.0.0.0 or :: for all)");
  /** The port the SOCKS5 server listens on. */
  public static final ConfigKey<Integer> LISTEN_PORT = ConfigKey.integer("relay.listen-port", 0, 65535)
      .withDefault(7777).withDescription("the port the SOCKS5 server listens on (0: any free one)");
  /** The address clients are told to connect to. */
  public static final ConfigKey<String> ADVERTISED_HOST = ConfigKey.string("relay.advertised-host")
      .withDescription("the address clients are told to connect to, e.g. the public one behind NAT (default: the"
          + " listen address, if it is not a wildcard)");
  /** The port clients are told to connect to. */
  public static final ConfigKey<Integer> ADVERTISED_PORT = ConfigKey.integer("relay.advertised-port", 1, 65535)
      .withDescription("the port clients are told to connect to (default: the port listened on)");

  /** How long a connection may take for its SOCKS5 handshake. */
  public static final ConfigKey<Duration> HANDSHAKE_TIMEOUT = ConfigKey.duration("relay.handshake-timeout")
      .withDefault(Duration.ofSeconds(10)).withDescription("how long a client may take for its SOCKS5 handshake");
  /** How long a connection may wait for its peer and the activation. */
  public static final ConfigKey<Duration> ACTIVATION_TIMEOUT = ConfigKey.duration("relay.activation-timeout")
      .withDefault(Duration.ofSeconds(60))
      .withDescription("how long a connection may wait for the other side and the initiator's activation");

  /** Every key, to declare. */
  public static final List<ConfigKey<?>> ALL = List.of(LISTEN_HOST, LISTEN_PORT, ADVERTISED_HOST, ADVERTISED_PORT,
      HANDSHAKE_TIMEOUT, ACTIVATION_TIMEOUT);

  private RelayKeys() {}
}
