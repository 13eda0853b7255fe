package dev.kindling.inject;

import dev.kindling.lifecycle.ComponentService;
import java.util.Objects;

/**
 * A service shared by the process, declared with {@link Components#service(Class)}: started before any component
 * connects, stopped after all of them.
 *
 * @param type the service's class, a singleton Guice creates
 */
public record ServiceSpec(Class<? extends ComponentService> type) {
  /** Checks the type is there. */
  public ServiceSpec {
    Objects.requireNonNull(type, "type");
  }
}
