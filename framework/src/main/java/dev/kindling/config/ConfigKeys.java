package dev.kindling.config;

import com.google.inject.Binder;
import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.spi.Element;
import com.google.inject.spi.Elements;
import com.google.inject.spi.InstanceBinding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Declares a module's configuration keys, collected by a Guice set binding (never a static registry), so the
 * start-up check knows them and refuses every other key.
 *
 * <pre>{@code
 * public final class RelayModule extends AbstractModule {
 *   @Override protected void configure() {
 *     ConfigKeys.declare(binder(), RelayKeys.LISTEN_PORT, RelayKeys.ADVERTISED_HOST);
 *     Components.bind(binder()).add("relay", RelayHandlers.class);
 *   }
 * }
 * }</pre>
 *
 * <p>Declaring the same key object from several modules is allowed.
 */
public final class ConfigKeys {
  /** The type of the set binding's elements. */
  private static final TypeLiteral<ConfigKey<?>> ELEMENT = new TypeLiteral<>() { };

  /** The Guice key of the set of declared keys: {@code injector.getInstance(ConfigKeys.SET)}. */
  public static final Key<Set<ConfigKey<?>>> SET = Key.get(new TypeLiteral<Set<ConfigKey<?>>>() { });

  private ConfigKeys() {}

  /** Declares {@code keys} in {@code binder}'s module. */
  public static void declare(Binder binder, ConfigKey<?>... keys) {
    declare(binder, List.of(keys));
  }

  /** Declares {@code keys} in {@code binder}'s module. */
  public static void declare(Binder binder, Collection<? extends ConfigKey<?>> keys) {
    Multibinder<ConfigKey<?>> set = Multibinder.newSetBinder(binder, ELEMENT).permitDuplicates();
    keys.forEach(key -> set.addBinding().toInstance(key));
  }

  /**
   * The keys {@code modules} declare, read from their bindings without creating an injector (nothing of theirs is
   * instantiated), in declaration order: for listing keys.
   */
  public static List<ConfigKey<?>> declaredBy(Iterable<? extends Module> modules) {
    List<ConfigKey<?>> keys = new ArrayList<>();
    for (Element element : Elements.getElements(modules)) {
      if (element instanceof InstanceBinding<?> binding && isDeclaration(binding)
          && !keys.contains(binding.getInstance())) {
        keys.add((ConfigKey<?>) binding.getInstance());
      }
    }
    return keys;
  }

  private static boolean isDeclaration(Binding<?> binding) {
    return binding.getKey().getTypeLiteral().equals(ELEMENT) && binding.getKey().getAnnotationType() != null;
  }
}
