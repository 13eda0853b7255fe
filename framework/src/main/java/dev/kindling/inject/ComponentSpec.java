package dev.kindling.inject;

import java.util.List;
import java.util.Objects;

/**
 * A component to run: its name in the configuration (which gives its domain and secret) and its handler
 * classes.
 *
 * @param name the name, such as {@code echo}
 * @param handlers the handler classes, each created once per component by Guice
 */
public record ComponentSpec(String name, List<Class<?>> handlers) {
  /** Checks the name and copies the list. */
  public ComponentSpec {
    Objects.requireNonNull(name, "name");
    if (!name.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException("component name '" + name + "' must be lower-case letters, digits and '-'");
    }
    handlers = List.copyOf(handlers);
  }
}
