package dev.kindling.inject;

import static dev.kindling.inject.KindlingKeys.COMPONENT_DOMAIN;
import static dev.kindling.inject.KindlingKeys.COMPONENT_HOST;
import static dev.kindling.inject.KindlingKeys.COMPONENT_PORT;
import static dev.kindling.inject.KindlingKeys.COMPONENT_SECRET;

import dev.kindling.builtin.Builtin;
import dev.kindling.config.ConfigKey;
import dev.kindling.config.ConfigKeys;
import dev.kindling.config.NearestKey;
import dev.kindling.connection.ComponentSettings;
import dev.kindling.connection.Multicast;
import dev.kindling.dispatch.DispatchSettings;
import dev.kindling.stream.StreamLimits;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Kindling's configuration: key/value pairs from a properties file, overridden by environment variables
 * ({@code KINDLING_} and the key in capitals, {@code .} and {@code -} as {@code _}: {@code port} →
 * {@code KINDLING_PORT}, {@code component.echo.secret} → {@code KINDLING_COMPONENT_ECHO_SECRET}), overridden by
 * flags ({@code --set key=value}). A component's own key ({@code component.<name>.secret}) wins over the shared
 * one ({@code secret}) from any source. Immutable.
 *
 * <p>Keys are typed {@link ConfigKey}s: Kindling's own ({@link KindlingKeys}) and those modules declare with
 * {@link ConfigKeys#declare}. {@link #load} only reads the sources, since modules declare their keys later;
 * {@link Kindling#create} then runs {@link #check}, which reports every problem at once: each value of each
 * source that its key refuses, a required key missing, a component's connection settings incomplete, and every
 * unknown key in the file, the flags and the {@code KINDLING_*} environment variables, with a "did you mean"
 * when a known key is close. Messages name the key, the value and its source, never the value of a secret key.
 * A module reads its keys with {@link #get(ConfigKey)}.
 *
 * <p>Kindling's keys (defaults in brackets; {@code kindling keys} lists them with a module's own):
 * <ul>
 *   <li>{@code host} [127.0.0.1], {@code port} [5347], {@code secret}: the server's component port and the
 *       secret shared by components without their own
 *   <li>{@code server-domain}: the server's domain; a component's domain defaults to {@code <name>.<server-domain>}
 *   <li>{@code components}: names of the components to run, comma-separated: {@link ReadyComponent}s by name,
 *       or components with their handlers (or declared by a module)
 *   <li>{@code component.<name>.domain}, {@code component.<name>.secret}, {@code component.<name>.handlers}
 *       (handler classes, comma-separated), {@code component.<name>.kind} (the ready component it runs, if not
 *       the one called {@code <name>}), {@code component.<name>.host} and {@code component.<name>.port}
 *       (where the component's server port differs from the shared one)
 *   <li>{@code workers} [processors], {@code blocking-workers} [64], {@code per-sender-queue} [1000],
 *       {@code total-queue} [100000], {@code drain-seconds} [10]
 *   <li>{@code send-queue} [10000], {@code max-stanza-bytes} [10485760], {@code keepalive-seconds} [30]
 *   <li>{@code builtins.ping}, {@code builtins.version}, {@code builtins.time}, {@code builtins.last} [true]
 *   <li>{@code admins}: bare JIDs allowed to run admin commands, comma-separated;
 *       {@code command-session-seconds} [600], {@code command-sessions} [1000]
 *   <li>{@code software.name}, {@code software.version}: the XEP-0092 answer [Kindling, its version]
 *   <li>{@code data-dir} [kindling-data, in the working directory]: where services store files
 *       ({@link #dataDirectory()})
 *   <li>{@code retry-first-connect} [true]: whether a component whose first connection attempt fails keeps
 *       retrying ({@link #retryFirstConnect()})
 * </ul>
 * Durations ({@code drain-seconds}, …) take {@code 30s}, {@code 5m}, {@code 250ms}, {@code PT30S}, or a plain
 * number in the unit their name ends with.
 */
public final class KindlingConfig {
  private static final String ENVIRONMENT_PREFIX = "KINDLING_";
  /** Variables starting with {@code KINDLING_} that are not keys, and who reads them. */
  private static final Map<String, String> OTHER_ENVIRONMENT = Map.of("KINDLING_DOMAIN", "read by kindling check");

  /** A value and where it came from. */
  private record Value(String text, String source) {}

  private final SortedMap<String, String> file;
  private final String fileName;
  private final SortedMap<String, String> environment;
  private final SortedMap<String, String> flags;

  private KindlingConfig(Map<String, String> file, String fileName, Map<String, String> environment,
      Map<String, String> flags) {
    this.file = new TreeMap<>(file);
    this.fileName = fileName;
    this.environment = new TreeMap<>(environment);
    this.flags = new TreeMap<>(flags);
  }

  /**
   * Reads the configuration; nothing is checked yet (see {@link #check}).
   *
   * @param file a properties file, or {@code null} for none
   * @param environment usually {@link System#getenv()}
   * @param flags {@code key=value} pairs from the command line
   * @throws ConfigException if the file cannot be read
   */
  public static KindlingConfig load(Path file, Map<String, String> environment, Map<String, String> flags) {
    Map<String, String> fromFile = new LinkedHashMap<>();
    if (file != null) {
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ConfigException(List.of("cannot read " + file + ": " + e.getMessage()));
      }
      properties.stringPropertyNames().forEach(key -> fromFile.put(key, properties.getProperty(key).strip()));
    }
    return new KindlingConfig(fromFile, file == null ? "file" : file.toString(), environment, flags);
  }

  /** A configuration of just these values, as if from flags: for tests and code. */
  public static KindlingConfig of(Map<String, String> values) {
    return load(null, Map.of(), values);
  }

  /**
   * The value of {@code key}: from the flags, else the environment, else the file, else its default.
   *
   * @throws ConfigException if the value is not one the key takes, or no source sets a key without default
   */
  public <T> T get(ConfigKey<T> key) {
    Reading reading = new Reading();
    Optional<T> value = reading.find(key);
    if (value.isEmpty()) {
      reading.missing(key);
    }
    reading.throwIfProblems();
    return value.orElseThrow();
  }

  /**
   * The value of {@code key} as {@link #get(ConfigKey)}, or empty if no source sets it and it has no default.
   *
   * @throws ConfigException if the value is not one the key takes
   */
  public <T> Optional<T> find(ConfigKey<T> key) {
    Reading reading = new Reading();
    Optional<T> value = reading.find(key);
    reading.throwIfProblems();
    return value;
  }

  /** The text of {@code key} as given, from the flags, else the environment, else the file; prefer {@link #get}. */
  public Optional<String> get(String key) {
    return value(key).map(Value::text);
  }

  /** The names of the components listed under {@code components}. */
  public List<String> componentNames() {
    return get(KindlingKeys.COMPONENTS);
  }

  /** The handler classes listed for component {@code name}. */
  public List<String> handlerClassNames(String name) {
    return get(KindlingKeys.COMPONENT_HANDLERS.forName(name));
  }

  /**
   * The connection settings of component {@code name}.
   *
   * @throws ConfigException naming every problem with the values involved
   */
  public ComponentSettings componentSettings(String name) {
    Reading reading = new Reading();
    ComponentSettings settings = reading.componentSettings(name);
    reading.throwIfProblems();
    return settings;
  }

  /**
   * The dispatch settings.
   *
   * @throws ConfigException naming every problem with the values involved
   */
  public DispatchSettings dispatchSettings() {
    Reading reading = new Reading();
    DispatchSettings settings = reading.dispatchSettings();
    reading.throwIfProblems();
    return settings;
  }

  /** The built-in handlers switched on. */
  public Set<Builtin> builtins() {
    Set<Builtin> on = EnumSet.noneOf(Builtin.class);
    for (Builtin builtin : Builtin.values()) {
      if (get(KindlingKeys.builtin(builtin))) {
        on.add(builtin);
      }
    }
    return on;
  }

  /** The administrators' bare JIDs, prepared (case-folded) as the JIDs they are compared with. */
  public Set<String> admins() {
    Set<String> admins = new LinkedHashSet<>();
    get(KindlingKeys.ADMINS).forEach(admin -> admins.add(admin.toBareJID()));
    return admins;
  }

  /** How long an ad-hoc command session may go unused. */
  public Duration commandSessionTimeout() {
    return get(KindlingKeys.COMMAND_SESSION_SECONDS);
  }

  /** How many ad-hoc command sessions may be open at once. */
  public int maxCommandSessions() {
    return get(KindlingKeys.COMMAND_SESSIONS);
  }

  /**
   * The directory services store files in ({@code data-dir}, by default {@code kindling-data} in the working
   * directory), as an absolute path; created, with its parents, on each call where it does not exist yet.
   * Safe to call from any thread.
   *
   * @throws ConfigException if it cannot be created, naming the path, its source and why
   */
  public Path dataDirectory() {
    Path directory = get(KindlingKeys.DATA_DIR).toAbsolutePath();
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      String source = sourceOf(KindlingKeys.DATA_DIR.name());
      throw new ConfigException(List.of("data-dir " + directory + " (from " + source + ") cannot be created: " + e));
    }
  }

  /**
   * Whether a component whose first connection attempt fails (the server is not up yet; not a refusal) keeps
   * retrying in the background instead of failing the start ({@code retry-first-connect}, by default true).
   */
  public boolean retryFirstConnect() {
    return get(KindlingKeys.RETRY_FIRST_CONNECT);
  }

  /**
   * Everything wrong with the configuration, all at once: each value in each source (file, environment, flags)
   * that its key refuses, each required key no source sets, the connection settings of each of
   * {@code componentNames} and the dispatch settings, two declarations clashing, and each unknown key in the
   * file and the flags and each unknown {@code KINDLING_*} environment variable, with "did you mean" when a known
   * one is close. Kindling's own keys count as declared.
   *
   * @param declared the keys modules declared (usually {@code injector.getInstance(ConfigKeys.SET)})
   * @param componentNames the components to run, whose connection settings must be complete (none for a
   *     component without a connection)
   * @return the problems, each naming the key, the value (never a secret's) and its source; empty if none
   */
  public List<String> problems(Collection<? extends ConfigKey<?>> declared, Collection<String> componentNames) {
    List<ConfigKey<?>> all = new ArrayList<>(KindlingKeys.all());
    all.addAll(declared);
    Reading reading = new Reading();
    List<String> names = new ArrayList<>();
    for (String name : componentNames) {
      if (ConfigKey.isComponentName(name)) {
        names.add(name);
      } else {
        reading.problems.add("components lists '" + name + "', which is not a component name (lower-case letters,"
            + " digits and '-')");
      }
    }
    KnownKeys known = new KnownKeys(all, names);
    reading.problems.addAll(known.clashes());
    file.forEach((key, text) -> reading.checkKey(known, key, text, fileName));
    flags.forEach((key, text) -> reading.checkKey(known, key, text, "flag --set " + key));
    environment.forEach((variable, text) -> {
      if (variable.startsWith(ENVIRONMENT_PREFIX) && !OTHER_ENVIRONMENT.containsKey(variable)) {
        reading.checkVariable(known, variable, text);
      }
    });
    for (ConfigKey<?> key : all) {
      if (key.isRequired() && value(key.name()).isEmpty()) {
        reading.missing(key);
      }
    }
    names.forEach(reading::componentSettings);
    reading.dispatchSettings();
    return List.copyOf(reading.problems);
  }

  /**
   * Checks the configuration as {@link #problems} does.
   *
   * @throws ConfigException listing every problem, if there is any
   */
  public void check(Collection<? extends ConfigKey<?>> declared, Collection<String> componentNames) {
    List<String> problems = problems(declared, componentNames);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** The environment variable for {@code key}, as {@link ConfigKey#environmentName(String)}. */
  public static String envName(String key) {
    return ConfigKey.environmentName(key);
  }

  /** Where the configuration comes from and which keys each source sets; never a value. */
  @Override
  public String toString() {
    return "KindlingConfig[" + fileName + ": " + file.keySet() + ", environment: "
        + environment.keySet().stream().filter(name -> name.startsWith(ENVIRONMENT_PREFIX)).toList()
        + ", flags: " + flags.keySet() + "]";
  }

  /** Where the value of {@code key} comes from ({@code flag --set port}, a file, a variable), or "the default". */
  String sourceOf(String key) {
    return value(key).map(Value::source).orElse("the default");
  }

  private Optional<Value> value(String key) {
    String flag = flags.get(key);
    if (flag != null) {
      return Optional.of(new Value(flag, "flag --set " + key));
    }
    String variable = ConfigKey.environmentName(key);
    String env = environment.get(variable);
    if (env != null) {
      return Optional.of(new Value(env, "environment " + variable));
    }
    String inFile = file.get(key);
    return inFile == null ? Optional.empty() : Optional.of(new Value(inFile, fileName));
  }

  /** One read of the configuration, collecting each problem once, in the order met. */
  private final class Reading {
    private final Set<String> problems = new LinkedHashSet<>();

    /** The key's value from the sources, else its default; a value the key refuses is a problem. */
    <T> Optional<T> find(ConfigKey<T> key) {
      Optional<Value> value = value(key.name());
      if (value.isEmpty()) {
        return key.defaultValue();
      }
      try {
        return Optional.of(key.parse(value.get().text(), value.get().source()));
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        return key.defaultValue();
      }
    }

    /** The value of a key that has a default. */
    <T> T get(ConfigKey<T> key) {
      return find(key).orElseThrow(() -> new IllegalStateException(key + " has no default"));
    }

    void missing(ConfigKey<?> key) {
      problems.add(key.name() + " is not set (set it in the file, as " + key.environmentName() + " or with --set "
          + key.name() + "=…)");
    }

    void checkKey(KnownKeys known, String key, String text, String source) {
      Optional<ConfigKey<?>> declared = known.named(key);
      if (declared.isEmpty()) {
        problems.add("unknown key '" + key + "' (from " + source + ")"
            + NearestKey.to(key, known.namesLike(key)).map(near -> "; did you mean '" + near + "'?").orElse(""));
      } else {
        parse(declared.get(), text, source);
      }
    }

    void checkVariable(KnownKeys known, String variable, String text) {
      Optional<ConfigKey<?>> declared = known.ofVariable(variable);
      if (declared.isEmpty()) {
        Map<String, String> variables = known.variables();
        variables.putAll(OTHER_ENVIRONMENT);
        problems.add("unknown environment variable " + variable + NearestKey.to(variable, variables.keySet())
            .map(near -> "; did you mean " + near + " (" + variables.get(near) + ")?").orElse(""));
      } else {
        parse(declared.get(), text, "environment " + variable);
      }
    }

    private void parse(ConfigKey<?> key, String text, String source) {
      try {
        key.parse(text, source);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }

    ComponentSettings componentSettings(String name) {
      Optional<String> serverDomain = find(KindlingKeys.SERVER_DOMAIN);
      Optional<String> domain = find(COMPONENT_DOMAIN.forName(name)).or(() -> serverDomain.map(server -> name + "."
          + server));
      Optional<String> secret = find(COMPONENT_SECRET.forName(name)).or(() -> find(KindlingKeys.SECRET));
      if (domain.isEmpty()) {
        problems.add("component." + name + ".domain is missing (set it, or server-domain to use " + name
            + ".<server-domain>)");
      }
      if (secret.isEmpty()) {
        problems.add("component." + name + ".secret is missing (set it, or secret for every component; environment "
            + COMPONENT_SECRET.forName(name).environmentName() + " or " + KindlingKeys.SECRET.environmentName() + ")");
      }
      ComponentSettings.Builder builder = ComponentSettings.builder()
          .host(find(COMPONENT_HOST.forName(name)).orElseGet(() -> get(KindlingKeys.HOST)))
          .port(find(COMPONENT_PORT.forName(name)).orElseGet(() -> get(KindlingKeys.PORT)))
          .domain(domain.orElse("unset." + name))
          .secret(secret.orElse("unset"))
          .sendQueueCapacity(get(KindlingKeys.SEND_QUEUE))
          .limits(new StreamLimits(get(KindlingKeys.MAX_STANZA_BYTES), StreamLimits.DEFAULT.maxDepth()))
          .keepaliveInterval(get(KindlingKeys.KEEPALIVE_SECONDS));
      serverDomain.ifPresent(builder::serverDomain);
      String multicast = get(KindlingKeys.MULTICAST);
      if (!multicast.isEmpty()) {
        builder.multicast(built(() -> new Multicast(multicast, get(KindlingKeys.MULTICAST_RECIPIENTS))));
      }
      return built(builder::build);
    }

    DispatchSettings dispatchSettings() {
      return built(() -> new DispatchSettings(get(KindlingKeys.WORKERS), get(KindlingKeys.BLOCKING_WORKERS),
          get(KindlingKeys.PER_SENDER_QUEUE), get(KindlingKeys.TOTAL_QUEUE), get(KindlingKeys.DRAIN_SECONDS)));
    }

    private <T> T built(Supplier<T> build) {
      try {
        return build.get();
      } catch (IllegalArgumentException | NullPointerException e) {
        problems.add(e.getMessage());
        return null;
      }
    }

    void throwIfProblems() {
      if (!problems.isEmpty()) {
        throw new ConfigException(List.copyOf(problems));
      }
    }
  }
}
