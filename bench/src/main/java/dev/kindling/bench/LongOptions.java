package dev.kindling.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The command line the through-the-server benchmarks take (PubSub, MUC bots, relay): {@code --name value} and bare
 * {@code --flag}s (read as {@code true}), each name one the benchmark knows, and whole numbers that must be positive.
 */
public final class LongOptions {
  private LongOptions() {}

  /**
   * The options given, by name without {@code --}.
   *
   * @throws IllegalArgumentException for an argument not starting with {@code --} or a name not in {@code known}
   */
  public static Map<String, String> parse(String[] args, Set<String> known) {
    Map<String, String> given = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "' (options start with --)");
      }
      String name = args[i].substring(2);
      boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
      given.put(name, flag ? "true" : args[++i]);
    }
    for (String name : given.keySet()) {
      if (!known.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name + " (known: " + known + ")");
      }
    }
    return given;
  }

  /**
   * {@code value} of option {@code name} as a whole number of 1 or more ({@code _} separators allowed).
   *
   * @throws IllegalArgumentException naming the option otherwise
   */
  public static int positive(String name, String value) {
    try {
      int parsed = Integer.parseInt(value.replace("_", ""));
      if (parsed < 1) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a positive whole number, not '" + value + "'");
    }
  }
}
