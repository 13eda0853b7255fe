package dev.kindling.inject;

import dev.kindling.builtin.Builtin;
import dev.kindling.connection.ComponentSettings;
import dev.kindling.dispatch.DispatchSettings;
import dev.kindling.stream.StreamLimits;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.xmpp.packet.JID;

/**
 * Kindling's configuration: key/value pairs from a properties file, overridden by environment variables
 * ({@code KINDLING_} and the key in capitals, {@code .} and {@code -} as {@code _}: {@code port} →
 * {@code KINDLING_PORT}, {@code component.echo.secret} → {@code KINDLING_COMPONENT_ECHO_SECRET}), overridden by
 * flags. A component's own key ({@code component.<name>.secret}) wins over the shared one ({@code secret}) from
 * any source. Every value read is checked; problems name the key, the value and its source. Read it from one
 * thread, at start-up.
 *
 * <p>Keys (defaults in brackets):
 * <ul>
 *   <li>{@code host} [127.0.0.1], {@code port} [5347], {@code secret}: the server's component port and the
 *       secret shared by components without their own
 *   <li>{@code server-domain}: the server's domain; a component's domain defaults to {@code <name>.<server-domain>}
 *   <li>{@code components}: names of the components to run, comma-separated (or declared by a module)
 *   <li>{@code component.<name>.domain}, {@code component.<name>.secret}, {@code component.<name>.handlers}
 *       (handler classes, comma-separated), {@code component.<name>.host} and {@code component.<name>.port}
 *       (where the component's server port differs from the shared one)
 *   <li>{@code workers} [processors], {@code blocking-workers} [64], {@code per-sender-queue} [1000],
 *       {@code total-queue} [100000], {@code drain-seconds} [10]
 *   <li>{@code send-queue} [10000], {@code max-stanza-bytes} [10485760], {@code keepalive-seconds} [30]
 *   <li>{@code builtins.ping}, {@code builtins.version}, {@code builtins.time}, {@code builtins.last} [true]
 *   <li>{@code admins}: bare JIDs allowed to run admin commands, comma-separated;
 *       {@code command-session-seconds} [600], {@code command-sessions} [1000]
 *   <li>{@code software.name}, {@code software.version}: the XEP-0092 answer [Kindling, its version]
 * </ul>
 */
public final class KindlingConfig {
  private static final Pattern COMPONENT_KEY = Pattern.compile("component\\.([a-z0-9][a-z0-9-]*)\\.(domain|secret|handlers|host|port)");
  private static final Set<String> KEYS = Set.of("host", "port", "secret", "server-domain", "components", "workers",
      "blocking-workers", "per-sender-queue", "total-queue", "drain-seconds", "send-queue", "max-stanza-bytes",
      "keepalive-seconds", "builtins.ping", "builtins.version", "builtins.time", "builtins.last", "admins",
      "command-session-seconds", "command-sessions", "software.name", "software.version", "retry-first-connect");

  /** A value and where it came from. */
  private record Value(String text, String source) {}

  private final Map<String, String> file;
  private final String fileName;
  private final Map<String, String> environment;
  private final Map<String, String> flags;
  private final List<String> problems = new ArrayList<>();

  private KindlingConfig(Map<String, String> file, String fileName, Map<String, String> environment,
      Map<String, String> flags) {
    this.file = Map.copyOf(file);
    this.fileName = fileName;
    this.environment = Map.copyOf(environment);
    this.flags = Map.copyOf(flags);
    checkKeys(this.file, fileName);
    checkKeys(this.flags, "flags");
  }

  /**
   * Reads the configuration.
   *
   * @param file a properties file, or {@code null} for none
   * @param environment usually {@link System#getenv()}
   * @param flags {@code key=value} pairs from the command line
   * @throws ConfigException if the file cannot be read or names unknown keys
   */
  public static KindlingConfig load(Path file, Map<String, String> environment, Map<String, String> flags) {
    Map<String, String> fromFile = new HashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
      }
      properties.stringPropertyNames().forEach(key -> fromFile.put(key, properties.getProperty(key).strip()));
    }
    KindlingConfig config = new KindlingConfig(fromFile, file == null ? "file" : file.toString(), environment, flags);
    config.throwIfProblems();
    return config;
  }

  /** A configuration of just these values, as if from flags: for tests and code. */
  public static KindlingConfig of(Map<String, String> values) {
    return load(null, Map.of(), values);
  }

  /** The value of {@code key}: from the flags, else the environment, else the file. */
  public Optional<String> get(String key) {
    return value(key).map(Value::text);
  }

  /** The names of the components listed under {@code components}. */
  public List<String> componentNames() {
    return list("components");
  }

  /** The handler classes listed for component {@code name}. */
  public List<String> handlerClassNames(String name) {
    return list("component." + name + ".handlers");
  }

  /**
   * The connection settings of component {@code name}.
   *
   * @throws ConfigException naming every problem with the values involved
   */
  public ComponentSettings componentSettings(String name) {
    String prefix = "component." + name + ".";
    Optional<String> domain = get(prefix + "domain").or(() -> get("server-domain").map(server -> name + "." + server));
    Optional<String> secret = get(prefix + "secret").or(() -> get("secret"));
    if (domain.isEmpty()) {
      problems.add(prefix + "domain is missing (set it, or server-domain to use " + name + ".<server-domain>)");
    }
    if (secret.isEmpty()) {
      problems.add(prefix + "secret is missing (set it, or secret for every component; environment "
          + envName(prefix + "secret") + " or " + envName("secret") + ")");
    }
    ComponentSettings.Builder builder = ComponentSettings.builder()
        .host(get(prefix + "host").or(() -> get("host")).orElse("127.0.0.1"))
        .port(integer(prefix + "port", integer("port", 5347)))
        .domain(domain.orElse("unset." + name))
        .secret(secret.orElse("unset"))
        .sendQueueCapacity(integer("send-queue", 10_000))
        .limits(new StreamLimits(integer("max-stanza-bytes", StreamLimits.DEFAULT.maxStanzaBytes()),
            StreamLimits.DEFAULT.maxDepth()))
        .keepaliveInterval(Duration.ofSeconds(integer("keepalive-seconds", 30)));
    get("server-domain").ifPresent(builder::serverDomain);
    ComponentSettings settings = check(builder::build);
    throwIfProblems();
    return settings;
  }

  /** The dispatch settings. */
  public DispatchSettings dispatchSettings() {
    DispatchSettings defaults = DispatchSettings.DEFAULT;
    DispatchSettings settings = check(() -> new DispatchSettings(
        integer("workers", defaults.workers()),
        integer("blocking-workers", defaults.blockingWorkers()),
        integer("per-sender-queue", defaults.perSenderQueue()),
        integer("total-queue", defaults.totalQueue()),
        Duration.ofSeconds(integer("drain-seconds", (int) defaults.drainTimeout().toSeconds()))));
    throwIfProblems();
    return settings;
  }

  /** The built-in handlers switched on. */
  public Set<Builtin> builtins() {
    Set<Builtin> on = EnumSet.noneOf(Builtin.class);
    for (Builtin builtin : Builtin.values()) {
      if (bool("builtins." + builtin.key(), true)) {
        on.add(builtin);
      }
    }
    throwIfProblems();
    return on;
  }

  /** The administrators' bare JIDs, prepared (case-folded) as the JIDs they are compared with. */
  public Set<String> admins() {
    Set<String> admins = new LinkedHashSet<>();
    for (String admin : list("admins")) {
      try {
        admins.add(new JID(admin).toBareJID());
      } catch (IllegalArgumentException e) {
        problems.add("admins lists '" + admin + "', which is not an XMPP address");
      }
    }
    throwIfProblems();
    return admins;
  }

  /** How long an ad-hoc command session may go unused. */
  public Duration commandSessionTimeout() {
    Duration timeout = Duration.ofSeconds(integer("command-session-seconds", 600));
    throwIfProblems();
    return timeout;
  }

  /** Whether a component whose server cannot be reached at start keeps trying in the background. */
  public boolean retryFirstConnect() {
    boolean retry = bool("retry-first-connect", true);
    throwIfProblems();
    return retry;
  }

  /** How many ad-hoc command sessions may be open at once. */
  public int maxCommandSessions() {
    int max = integer("command-sessions", 1000);
    throwIfProblems();
    return max;
  }

  private Optional<Value> value(String key) {
    String flag = flags.get(key);
    if (flag != null) {
      return Optional.of(new Value(flag.strip(), "flag --set " + key));
    }
    String env = environment.get(envName(key));
    if (env != null) {
      return Optional.of(new Value(env.strip(), "environment " + envName(key)));
    }
    String inFile = file.get(key);
    return inFile == null ? Optional.empty() : Optional.of(new Value(inFile, fileName));
  }

  /** The environment variable for {@code key}. */
  public static String envName(String key) {
    return "KINDLING_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private List<String> list(String key) {
    return get(key).map(text -> Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  private int integer(String key, int fallback) {
    Optional<Value> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.get().text());
    } catch (NumberFormatException e) {
      problems.add(key + " = '" + value.get().text() + "' (from " + value.get().source() + ") is not a whole number");
      return fallback;
    }
  }

  private boolean bool(String key, boolean fallback) {
    Optional<Value> value = value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    return switch (value.get().text().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> {
        problems.add(key + " = '" + value.get().text() + "' (from " + value.get().source() + ") is not true or false");
        yield fallback;
      }
    };
  }

  private <T> T check(java.util.function.Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      problems.add(e.getMessage());
      return null;
    }
  }

  private void checkKeys(Map<String, String> values, String source) {
    for (String key : values.keySet()) {
      if (!KEYS.contains(key) && !COMPONENT_KEY.matcher(key).matches()) {
        problems.add("unknown key '" + key + "' in " + source);
      }
    }
  }

  private void throwIfProblems() {
    if (!problems.isEmpty()) {
      List<String> all = List.copyOf(problems);
      problems.clear();
      throw new ConfigException(all);
    }
  }
}
