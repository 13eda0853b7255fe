package dev.kindling.inject;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import java.util.List;

/**
 * Declares components in a Guice module, collected by a set binding (never a static registry).
 *
 * <pre>{@code
 * public final class WeatherModule extends AbstractModule {
 *   @Override protected void configure() {
 *     Components.bind(binder()).add("weather", WeatherHandlers.class, StationCommands.class);
 *   }
 * }
 * }</pre>
 *
 * <p>Each component gets its domain, secret and connection from the configuration under its name, and its own
 * instances of its handler classes; services bound in the module are shared by all components.
 */
public final class Components {
  private final Multibinder<ComponentSpec> set;

  private Components(Multibinder<ComponentSpec> set) {
    this.set = set;
  }

  /** The component declarations of {@code binder}'s module. */
  public static Components bind(Binder binder) {
    return new Components(Multibinder.newSetBinder(binder, ComponentSpec.class));
  }

  /** Declares component {@code name} made of {@code handlers}. */
  public Components add(String name, Class<?>... handlers) {
    set.addBinding().toInstance(new ComponentSpec(name, List.of(handlers)));
    return this;
  }
}
