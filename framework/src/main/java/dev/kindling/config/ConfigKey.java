package dev.kindling.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xmpp.packet.JID;

/**
 * A typed configuration key: its name, how its text is read and checked, its default (or that it is required)
 * and a description. A module declares its keys with {@link ConfigKeys#declare} and reads them with
 * {@code KindlingConfig.get(key)}; the same declarations give the start-up check and the key listing
 * ({@code kindling keys}).
 *
 * <pre>{@code
 * public final class RelayKeys {
 *   public static final ConfigKey<Integer> LISTEN_PORT = ConfigKey.integer("relay.listen-port", 1, 65535)
 *       .withDefault(7777).withDescription("the SOCKS5 port the relay listens on");
 *   public static final ConfigKey<String> PASSWORD = ConfigKey.secret("relay.password").required()
 *       .withDescription("the password peers give");
 * }
 * }</pre>
 *
 * <p>Names are lower-case letters and digits in parts joined by {@code .} or {@code -}
 * ({@code relay.listen-port}). A name may hold one {@code <name>} part, a key per component
 * ({@code component.<name>.port}); {@link #forName} gives the key of one component. Each key is read from the
 * environment as {@link #environmentName()}. The values of a {@link #secret} key are never shown: not in
 * messages, {@link #toString()} or listings, and neither is its default.
 *
 * <p>Immutable and thread-safe; the {@code with…} methods return a new key.
 *
 * @param <T> the type of the value
 */
public final class ConfigKey<T> {
  /** The placeholder for a component's name in a per-component key. */
  public static final String NAME_PLACEHOLDER = "<name>";

  private static final String PART = "[a-z0-9]+(?:-[a-z0-9]+)*";
  private static final Pattern NAME = Pattern.compile("(?:" + PART + "|<name>)(?:\\.(?:" + PART + "|<name>))*");
  private static final Pattern COMPONENT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kib|m|mib|g|gib|t|tib)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern UNIT_SUFFIX = Pattern.compile(".*-(millis|ms|seconds|minutes|hours)");
  private static final String HIDDEN = "<hidden>";

  private final String name;
  private final String type;
  private final Function<String, T> parser;
  private final Function<T, String> printer;
  private final T defaultValue;
  private final String defaultText;
  private final boolean required;
  private final boolean secret;
  private final String description;

  private ConfigKey(String name, String type, Function<String, T> parser, Function<T, String> printer,
      T defaultValue, String defaultText, boolean required, boolean secret, String description) {
    this.name = name;
    this.type = type;
    this.parser = parser;
    this.printer = printer;
    this.defaultValue = defaultValue;
    this.defaultText = defaultText;
    this.required = required;
    this.secret = secret;
    this.description = description;
  }

  private static <T> ConfigKey<T> of(String name, String type, Function<String, T> parser,
      Function<T, String> printer, boolean secret) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches() || name.indexOf(NAME_PLACEHOLDER) != name.lastIndexOf(NAME_PLACEHOLDER)) {
      throw new IllegalArgumentException("config key name '" + name + "' must be lower-case letters and digits in"
          + " parts joined by '.' or '-', with at most one <name> part (e.g. relay.listen-port)");
    }
    return new ConfigKey<>(name, type, parser, printer, null, null, false, secret, "");
  }

  /** A text key; an empty value is refused. */
  public static ConfigKey<String> string(String name) {
    return of(name, "string", ConfigKey::nonEmpty, text -> text, false);
  }

  /** A text key whose value is never shown (a password or shared secret); an empty value is refused. */
  public static ConfigKey<String> secret(String name) {
    return of(name, "secret", ConfigKey::nonEmpty, text -> HIDDEN, true);
  }

  /** A comma-separated list of texts; blank entries are dropped, so an empty value is an empty list. */
  public static ConfigKey<List<String>> strings(String name) {
    return of(name, "list", ConfigKey::split, list -> String.join(",", list), false);
  }

  /**
   * A whole number from {@code min} to {@code max}.
   *
   * @throws IllegalArgumentException if {@code min > max}
   */
  public static ConfigKey<Integer> integer(String name, int min, int max) {
    if (min > max) {
      throw new IllegalArgumentException("config key " + name + ": min " + min + " is above max " + max);
    }
    String range = max == Integer.MAX_VALUE ? min + " or more" : min + ".." + max;
    return of(name, "int (" + range + ")", text -> {
      int value;
      try {
        value = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("is not a whole number");
      }
      if (value < min || value > max) {
        throw new IllegalArgumentException("is out of range (expected " + range + ")");
      }
      return value;
    }, String::valueOf, false);
  }

  /** {@code true} or {@code false} ({@code yes}/{@code no} and {@code on}/{@code off} too). */
  public static ConfigKey<Boolean> bool(String name) {
    return of(name, "boolean", text -> switch (text.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException("is not true or false");
    }, String::valueOf, false);
  }

  /**
   * A length of time, not negative: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or ISO-8601
   * ({@code PT30S}). A plain number is taken only when the name says its unit, ending in {@code -millis} (or
   * {@code -ms}), {@code -seconds}, {@code -minutes} or {@code -hours}: {@code drain-seconds=10}.
   */
  public static ConfigKey<Duration> duration(String name) {
    Matcher unit = UNIT_SUFFIX.matcher(name);
    String plain = unit.matches() ? unit.group(1) : null;
    String example = (plain == null ? "e.g. " : "e.g. 30 (" + plain + "), ") + "30s, 5m, 250ms or PT30S";
    return of(name, plain == null ? "duration" : "duration (or " + plain + ")",
        text -> duration(text, plain, example), ConfigKey::durationText, false);
  }

  /**
   * A number of bytes, not negative: {@code 65536}, {@code 64KiB}, {@code 10MiB}, {@code 2GiB} ({@code k},
   * {@code M}, {@code G}, {@code T} are the same binary units, 1024-based).
   */
  public static ConfigKey<Long> size(String name) {
    return of(name, "size", ConfigKey::parseSize, ConfigKey::sizeText, false);
  }

  /** An XMPP address (RFC 7622), prepared. */
  public static ConfigKey<JID> jid(String name) {
    return of(name, "JID", ConfigKey::parseJid, JID::toString, false);
  }

  /** A comma-separated list of XMPP addresses (RFC 7622), prepared; blank entries are dropped. */
  public static ConfigKey<List<JID>> jids(String name) {
    return of(name, "JID list", text -> split(text).stream().map(ConfigKey::parseJid).toList(),
        list -> String.join(",", list.stream().map(JID::toString).toList()), false);
  }

  /** A file system path, as given (relative paths are relative to the working directory). */
  public static ConfigKey<Path> path(String name) {
    return of(name, "path", text -> {
      try {
        return Path.of(nonEmpty(text));
      } catch (InvalidPathException e) {
        throw new IllegalArgumentException("is not a path: " + e.getReason());
      }
    }, Path::toString, false);
  }

  /**
   * This key with a default, used when no source sets it.
   *
   * @throws IllegalArgumentException if the default is {@code null}
   */
  public ConfigKey<T> withDefault(T value) {
    return withDefault(value, printer.apply(Objects.requireNonNull(value, "default of " + name)));
  }

  /** This key with a default, shown in listings as {@code shown} (e.g. "the number of processors"). */
  public ConfigKey<T> withDefault(T value, String shown) {
    Objects.requireNonNull(value, "default of " + name);
    return new ConfigKey<>(name, type, parser, printer, value, shown, false, secret, description);
  }

  /**
   * This key without a default and required: the start-up check reports it missing.
   *
   * @throws IllegalArgumentException for a per-component key, which cannot be required of every component
   */
  public ConfigKey<T> required() {
    if (isPerComponent()) {
      throw new IllegalArgumentException("per-component key " + name + " cannot be required");
    }
    return new ConfigKey<>(name, type, parser, printer, null, null, true, secret, description);
  }

  /** This key with a description for listings: what the value means, in a few words. */
  public ConfigKey<T> withDescription(String text) {
    return new ConfigKey<>(name, type, parser, printer, defaultValue, defaultText, required, secret,
        Objects.requireNonNull(text, "description"));
  }

  /** The name, such as {@code relay.listen-port} or {@code component.<name>.port}. */
  public String name() {
    return name;
  }

  /** The type as listings show it, such as {@code int (1..65535)}. */
  public String type() {
    return type;
  }

  /** The description; empty if none was given. */
  public String description() {
    return description;
  }

  /** The default, if the key has one. */
  public Optional<T> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /**
   * The default as listings show it: empty when there is none, {@code <hidden>} for a secret's default.
   */
  public Optional<String> defaultText() {
    if (defaultText == null) {
      return Optional.empty();
    }
    return Optional.of(secret ? HIDDEN : defaultText);
  }

  /** Whether the start-up check reports the key missing when no source sets it. */
  public boolean isRequired() {
    return required;
  }

  /** Whether the values are secret: never shown in messages, listings or {@code toString}. */
  public boolean isSecret() {
    return secret;
  }

  /** Whether the name holds {@code <name>}: one key per component. */
  public boolean isPerComponent() {
    return name.contains(NAME_PLACEHOLDER);
  }

  /**
   * The key of component {@code componentName}, for a per-component key: {@code component.<name>.port} →
   * {@code component.echo.port}.
   *
   * @throws IllegalArgumentException if this key is not per-component or the name is not a component name
   */
  public ConfigKey<T> forName(String componentName) {
    if (!isPerComponent()) {
      throw new IllegalArgumentException(name + " is not a per-component key (it has no <name> part)");
    }
    if (!isComponentName(componentName)) {
      throw new IllegalArgumentException("component name '" + componentName
          + "' must be lower-case letters, digits and '-'");
    }
    return new ConfigKey<>(name.replace(NAME_PLACEHOLDER, componentName), type, parser, printer, defaultValue,
        defaultText, required, secret, description);
  }

  /** Whether {@code name} can be a component's name: lower-case letters, digits and {@code -}. */
  public static boolean isComponentName(String name) {
    return name != null && COMPONENT_NAME.matcher(name).matches();
  }

  /**
   * The component whose key {@code key} is, for a per-component key: {@code component.echo.port} →
   * {@code echo}; empty if {@code key} is not one of this key's.
   */
  public Optional<String> componentNameIn(String key) {
    return between(key, name, NAME_PLACEHOLDER).filter(ConfigKey::isComponentName);
  }

  /**
   * The component whose key environment variable {@code variable} sets, for a per-component key:
   * {@code KINDLING_COMPONENT_MY_BOT_PORT} → {@code my-bot}; empty if it sets none of this key's.
   */
  public Optional<String> componentNameInVariable(String variable) {
    return between(variable, environmentName(), environmentName(NAME_PLACEHOLDER).substring("KINDLING_".length()))
        .map(found -> found.toLowerCase(Locale.ROOT).replace('_', '-'))
        .filter(found -> isComponentName(found) && forName(found).environmentName().equals(variable));
  }

  /** The part of {@code text} where {@code pattern} has {@code placeholder}, if the rest of them is the same. */
  private static Optional<String> between(String text, String pattern, String placeholder) {
    int at = pattern.indexOf(placeholder);
    if (at < 0) {
      return Optional.empty();
    }
    String prefix = pattern.substring(0, at);
    String suffix = pattern.substring(at + placeholder.length());
    if (text.length() <= prefix.length() + suffix.length() || !text.startsWith(prefix) || !text.endsWith(suffix)) {
      return Optional.empty();
    }
    return Optional.of(text.substring(prefix.length(), text.length() - suffix.length()));
  }

  /**
   * The environment variable for this key: {@code KINDLING_}, then the name in capitals with {@code .} and
   * {@code -} as {@code _} ({@code relay.listen-port} → {@code KINDLING_RELAY_LISTEN_PORT}).
   */
  public String environmentName() {
    return environmentName(name);
  }

  /** The environment variable for the key named {@code key}, as {@link #environmentName()}. */
  public static String environmentName(String key) {
    return "KINDLING_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Reads {@code text} (stripped first) as this key's value.
   *
   * @param source where the text came from, for the message (e.g. {@code environment KINDLING_PORT})
   * @throws IllegalArgumentException naming the key, the value (unless the key is secret), the source and the
   *     rule broken: {@code port = 'abc' (from flag --set port) is not a whole number}
   */
  public T parse(String text, String source) {
    try {
      return parser.apply(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + " = " + (secret ? HIDDEN : "'" + text.strip() + "'") + " (from "
          + source + ") " + e.getMessage());
    }
  }

  /** The value as text; {@code <hidden>} for a secret key. */
  public String show(T value) {
    return secret ? HIDDEN : printer.apply(value);
  }

  /** The name and type; never a value. */
  @Override
  public String toString() {
    return name + " (" + type + ")";
  }

  private static String nonEmpty(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("is empty");
    }
    return text;
  }

  private static List<String> split(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(part -> !part.isEmpty()).toList();
  }

  private static JID parseJid(String text) {
    try {
      return new JID(nonEmpty(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(text.isEmpty() ? "is empty" : "has '" + text + "', which is not an XMPP"
          + " address");
    }
  }

  private static Duration duration(String text, String plainUnit, String example) {
    Duration value;
    Matcher matcher = DURATION.matcher(text);
    try {
      if (text.matches("\\d+") && plainUnit != null) {
        long amount = Long.parseLong(text);
        value = switch (plainUnit) {
          case "millis", "ms" -> Duration.ofMillis(amount);
          case "seconds" -> Duration.ofSeconds(amount);
          case "minutes" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
      } else if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        value = switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      } else {
        value = Duration.parse(text);
      }
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new IllegalArgumentException("is not a duration (" + example + ")");
    }
    if (value.isNegative()) {
      throw new IllegalArgumentException("is negative");
    }
    return value;
  }

  private static long parseSize(String text) {
    Matcher matcher = SIZE.matcher(text);
    if (!matcher.matches()) {
      throw new IllegalArgumentException("is not a size (e.g. 65536, 64KiB, 10MiB or 2GiB)");
    }
    int shift = switch (Character.toLowerCase((matcher.group(2) + " ").charAt(0))) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      case 't' -> 40;
      default -> 0;
    };
    try {
      long amount = Long.parseLong(matcher.group(1));
      if (amount > Long.MAX_VALUE >> shift) {
        throw new NumberFormatException();
      }
      return amount << shift;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("is too large");
    }
  }

  private static String sizeText(long bytes) {
    String[] units = {"", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    while (unit < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
      bytes /= 1024;
      unit++;
    }
    return bytes + units[unit];
  }

  private static String durationText(Duration value) {
    if (value.toMillisPart() != 0) {
      return value.toMillis() + "ms";
    }
    long seconds = value.toSeconds();
    if (seconds == 0 || seconds % 60 != 0) {
      return seconds + "s";
    }
    return seconds % 3600 != 0 ? seconds / 60 + "m" : seconds / 3600 + "h";
  }

}
