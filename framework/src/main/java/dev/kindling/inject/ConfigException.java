package dev.kindling.inject;

import java.util.List;

/**
 * The configuration is wrong: lists every problem, each naming the key, the value and where it came from
 * (file, environment variable or flag).
 */
public class ConfigException extends RuntimeException {
  private final List<String> problems;

  /** Creates the exception with its problems. */
  public ConfigException(List<String> problems) {
    super(problems.size() == 1 ? "configuration: " + problems.get(0)
        : problems.size() + " configuration problems:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem. */
  public List<String> problems() {
    return problems;
  }
}
