package dev.kindling.inject;

import dev.kindling.builtin.Builtin;
import dev.kindling.builtin.SoftwareVersion;
import dev.kindling.config.ConfigKey;
import dev.kindling.dispatch.DispatchSettings;
import dev.kindling.stream.StreamLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.xmpp.packet.JID;

/**
 * Kindling's own configuration keys, declared like a module's (by {@link KindlingModule}): the one table the
 * start-up check, {@link KindlingConfig}'s accessors and the key listing ({@code kindling keys}) come from.
 */
public final class KindlingKeys {
  private static final int MAX = Integer.MAX_VALUE;
  private static final DispatchSettings DISPATCH = DispatchSettings.DEFAULT;

  /** The server's host. */
  public static final ConfigKey<String> HOST = ConfigKey.string("host").withDefault("127.0.0.1")
      .withDescription("the server's host, for every component without its own");
  /** The server's component port. */
  public static final ConfigKey<Integer> PORT = ConfigKey.integer("port", 1, 65535).withDefault(5347)
      .withDescription("the server's component port, for every component without its own");
  /** The secret of every component without its own. */
  public static final ConfigKey<String> SECRET = ConfigKey.secret("secret")
      .withDescription("the secret of every component without its own");
  /** The server's domain. */
  public static final ConfigKey<String> SERVER_DOMAIN = ConfigKey.string("server-domain")
      .withDescription("the server's domain; a component's domain defaults to <name>.<server-domain>");
  /** The components to run from the configuration. */
  public static final ConfigKey<List<String>> COMPONENTS = ConfigKey.strings("components")
      .withDefault(List.of(), "none")
      .withDescription("components to run from the configuration, comma-separated: ready ones by name, or with their"
          + " handlers");
  /** One component's domain. */
  public static final ConfigKey<String> COMPONENT_DOMAIN = ConfigKey.string("component.<name>.domain")
      .withDescription("the component's domain (default <name>.<server-domain>)");
  /** One component's secret. */
  public static final ConfigKey<String> COMPONENT_SECRET = ConfigKey.secret("component.<name>.secret")
      .withDescription("the component's secret (default: secret)");
  /** One component's handler classes. */
  public static final ConfigKey<List<String>> COMPONENT_HANDLERS = ConfigKey.strings("component.<name>.handlers")
      .withDefault(List.of(), "none")
      .withDescription("its handler classes, comma-separated (for components not declared by a module)");
  /** The ready component one component runs. */
  public static final ConfigKey<String> COMPONENT_KIND = ConfigKey.string("component.<name>.kind")
      .withDescription("the ready component it runs, when not the one called <name> (component.pubsub-a.kind=pubsub)");
  /** One component's server host. */
  public static final ConfigKey<String> COMPONENT_HOST = ConfigKey.string("component.<name>.host")
      .withDescription("the component's server host (default: host)");
  /** One component's server port. */
  public static final ConfigKey<Integer> COMPONENT_PORT = ConfigKey.integer("component.<name>.port", 1, 65535)
      .withDescription("the component's server port (default: port)");
  /** Handler threads. */
  public static final ConfigKey<Integer> WORKERS = ConfigKey.integer("workers", 0, 10_000)
      .withDefault(DISPATCH.workers(), "processors")
      .withDescription("handler threads per component (0: handlers run on the reader thread)");
  /** Threads for {@code @Blocking} handlers. */
  public static final ConfigKey<Integer> BLOCKING_WORKERS = ConfigKey.integer("blocking-workers", 1, 10_000)
      .withDefault(DISPATCH.blockingWorkers()).withDescription("threads for @Blocking handlers per component");
  /** Stanzas of one sender waiting or running. */
  public static final ConfigKey<Integer> PER_SENDER_QUEUE = ConfigKey.integer("per-sender-queue", 1, MAX)
      .withDefault(DISPATCH.perSenderQueue()).withDescription("stanzas of one sender waiting or running");
  /** Stanzas of all senders waiting or running. */
  public static final ConfigKey<Integer> TOTAL_QUEUE = ConfigKey.integer("total-queue", 1, MAX)
      .withDefault(DISPATCH.totalQueue()).withDescription("stanzas of all senders waiting or running");
  /** How long stopping waits for accepted stanzas. */
  public static final ConfigKey<Duration> DRAIN_SECONDS = ConfigKey.duration("drain-seconds")
      .withDefault(DISPATCH.drainTimeout()).withDescription("how long stopping waits for accepted stanzas");
  /** Outbound stanzas waiting for the writer. */
  public static final ConfigKey<Integer> SEND_QUEUE = ConfigKey.integer("send-queue", 1, MAX).withDefault(10_000)
      .withDescription("outbound stanzas waiting for the writer");
  /** The server's XEP-0033 multicast service for fan-outs. */
  public static final ConfigKey<String> MULTICAST = ConfigKey.string("multicast").withDefault("", "none")
      .withDescription("the server's XEP-0033 multicast service (e.g. multicast.example.org, ejabberd's"
          + " mod_multicast): fan-outs go through it, one stanza per multicast-recipients recipients");
  /** Recipients per multicast stanza. */
  public static final ConfigKey<Integer> MULTICAST_RECIPIENTS = ConfigKey.integer("multicast-recipients", 2, MAX)
      .withDefault(20).withDescription("addresses per multicast stanza, as the service allows (ejabberd: 20 from a"
          + " component unless its mod_multicast limits: remote: message is raised)");
  /** The largest inbound stanza. */
  public static final ConfigKey<Integer> MAX_STANZA_BYTES = ConfigKey.integer("max-stanza-bytes", 1, MAX)
      .withDefault(StreamLimits.DEFAULT.maxStanzaBytes())
      .withDescription("a larger inbound stanza ends the stream with policy-violation");
  /** Idle time before pinging the server. */
  public static final ConfigKey<Duration> KEEPALIVE_SECONDS = ConfigKey.duration("keepalive-seconds")
      .withDefault(Duration.ofSeconds(30))
      .withDescription("idle time before pinging the server (dead after 10 s more of silence; 0: off)");
  /** Bare JIDs allowed to run {@code ADMINS} commands. */
  public static final ConfigKey<List<JID>> ADMINS = ConfigKey.jids("admins").withDefault(List.of(), "none")
      .withDescription("bare JIDs allowed to run ADMINS ad-hoc commands, comma-separated");
  /** Ad-hoc command session expiry. */
  public static final ConfigKey<Duration> COMMAND_SESSION_SECONDS = ConfigKey.duration("command-session-seconds")
      .withDefault(Duration.ofMinutes(10)).withDescription("how long an ad-hoc command session may go unused");
  /** Ad-hoc command sessions open at once. */
  public static final ConfigKey<Integer> COMMAND_SESSIONS = ConfigKey.integer("command-sessions", 1, MAX)
      .withDefault(1000).withDescription("ad-hoc command sessions open at once, per component");
  /** The software name of the XEP-0092 answer. */
  public static final ConfigKey<String> SOFTWARE_NAME = ConfigKey.string("software.name")
      .withDefault(SoftwareVersion.kindling().name()).withDescription("the name in the XEP-0092 answer");
  /** The software version of the XEP-0092 answer. */
  public static final ConfigKey<String> SOFTWARE_VERSION = ConfigKey.string("software.version")
      .withDefault(SoftwareVersion.kindling().version(), "Kindling's version")
      .withDescription("the version in the XEP-0092 answer");
  /** Where services store files. */
  public static final ConfigKey<Path> DATA_DIR = ConfigKey.path("data-dir")
      .withDefault(Path.of("kindling-data"), "./kindling-data")
      .withDescription("the directory services store files in (created when first used)");
  /** Whether a failed first connection attempt is retried in the background. */
  public static final ConfigKey<Boolean> RETRY_FIRST_CONNECT = ConfigKey.bool("retry-first-connect")
      .withDefault(true).withDescription("a component whose first connection attempt fails (server not up yet;"
          + " not a refusal) keeps retrying instead of failing the start");

  private static final Map<Builtin, ConfigKey<Boolean>> BUILTINS = builtins();

  private KindlingKeys() {}

  /** The key switching {@code builtin} on or off: {@code builtins.ping}. */
  public static ConfigKey<Boolean> builtin(Builtin builtin) {
    return BUILTINS.get(builtin);
  }

  /** Every key of Kindling's, in the order listings show them. */
  public static List<ConfigKey<?>> all() {
    List<ConfigKey<?>> all = new ArrayList<>(List.of(HOST, PORT, SECRET, SERVER_DOMAIN, COMPONENTS,
        COMPONENT_DOMAIN, COMPONENT_SECRET, COMPONENT_HANDLERS, COMPONENT_KIND, COMPONENT_HOST, COMPONENT_PORT,
        WORKERS, BLOCKING_WORKERS, PER_SENDER_QUEUE, TOTAL_QUEUE, DRAIN_SECONDS, SEND_QUEUE, MULTICAST,
        MULTICAST_RECIPIENTS, MAX_STANZA_BYTES, KEEPALIVE_SECONDS));
    all.addAll(BUILTINS.values());
    all.addAll(List.of(ADMINS, COMMAND_SESSION_SECONDS, COMMAND_SESSIONS, SOFTWARE_NAME, SOFTWARE_VERSION, DATA_DIR,
        RETRY_FIRST_CONNECT));
    return List.copyOf(all);
  }

  private static Map<Builtin, ConfigKey<Boolean>> builtins() {
    Map<Builtin, ConfigKey<Boolean>> keys = new EnumMap<>(Builtin.class);
    for (Builtin builtin : Builtin.values()) {
      String what = switch (builtin) {
        case PING -> "XEP-0199 ping";
        case VERSION -> "XEP-0092 software version";
        case TIME -> "XEP-0202 entity time";
        case LAST -> "XEP-0012 last activity (uptime)";
      };
      keys.put(builtin, ConfigKey.bool("builtins." + builtin.key()).withDefault(true)
          .withDescription("the built-in " + what + " handler"));
    }
    return keys;
  }
}
