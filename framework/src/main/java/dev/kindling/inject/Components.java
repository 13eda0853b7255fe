package dev.kindling.inject;

import com.google.inject.Binder;
import com.google.inject.Module;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.InstanceBinding;
import dev.kindling.lifecycle.ComponentService;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

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
 * instances of its handler classes; services bound in the module are shared by all components, and those with a
 * life of their own (a database pool) are declared with {@link #service(Class)}.
 */
public final class Components {
  private final Multibinder<ComponentSpec> set;
  private final Multibinder<ServiceSpec> services;

  private Components(Multibinder<ComponentSpec> set, Multibinder<ServiceSpec> services) {
    this.set = set;
    this.services = services;
  }

  /** The component declarations of {@code binder}'s module. */
  public static Components bind(Binder binder) {
    return new Components(Multibinder.newSetBinder(binder, ComponentSpec.class),
        Multibinder.newSetBinder(binder, ServiceSpec.class));
  }

  /**
   * Declares a service shared by every component of the process: started (in declaration order) before any
   * component connects, stopped (in reverse) after all have stopped. It must be a singleton (annotated
   * {@code @Singleton} or bound so), so that the instance started is the one injected. A component's own
   * services are its handler classes that implement {@link dev.kindling.lifecycle.ComponentService}.
   */
  public Components service(Class<? extends ComponentService> type) {
    services.addBinding().toInstance(new ServiceSpec(type));
    return this;
  }

  /** Declares component {@code name} made of {@code handlers}. */
  public Components add(String name, Class<?>... handlers) {
    set.addBinding().toInstance(new ComponentSpec(name, List.of(handlers)));
    return this;
  }

  /**
   * The names of the components {@code modules} declare, read from their bindings without creating an injector
   * (nothing of theirs is instantiated): to know, before the injector exists, which names of {@code components}
   * no module declares.
   */
  static Set<String> namesDeclaredBy(Iterable<? extends Module> modules) {
    Set<String> names = new LinkedHashSet<>();
    for (Element element : Elements.getElements(modules)) {
      if (element instanceof InstanceBinding<?> binding && binding.getInstance() instanceof ComponentSpec spec) {
        names.add(spec.name());
      }
    }
    return names;
  }
}
