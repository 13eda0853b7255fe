package dev.kindling.inject;

import dev.kindling.config.ConfigKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * The {@link ReadyComponent}s a class loader offers, found with {@link ServiceLoader}: what {@link Kindling#create}
 * looks a name of {@code components} up in, and what {@code kindling keys} lists, so both see the same ones.
 * Immutable.
 *
 * <p>Loading never fails: a provider that cannot be loaded or created, one whose name is not a component name,
 * and two with one name are {@link #problems()}, which {@link Kindling#create} reports when it looks a name up.
 */
public final class ReadyComponents {
  private final Map<String, ReadyComponent> byName;
  private final List<String> problems;

  private ReadyComponents(Map<String, ReadyComponent> byName, List<String> problems) {
    this.byName = byName;
    this.problems = List.copyOf(problems);
  }

  /** The ready components listed in the {@code META-INF/services} files {@code loader} sees. */
  public static ReadyComponents load(ClassLoader loader) {
    List<ReadyComponent> found = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Iterator<ReadyComponent> providers = ServiceLoader.load(ReadyComponent.class, loader).iterator();
    String lastError = null;
    while (true) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        found.add(providers.next());
      } catch (ServiceConfigurationError e) {
        String problem = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause());
        if (problem.equals(lastError)) {
          break; // the iterator could not get past this provider (ServiceLoader only tries its best to)
        }
        problems.add("ready components: " + problem);
        lastError = problem;
      }
    }
    Map<String, ReadyComponent> byName = new LinkedHashMap<>();
    found.sort(Comparator.comparing(ReadyComponent::name, Comparator.nullsFirst(Comparator.naturalOrder())));
    for (ReadyComponent component : found) {
      String name = component.name();
      if (name == null || !ConfigKey.isComponentName(name)) {
        problems.add("ready component " + component.getClass().getName() + " is named '" + name + "', which is not a"
            + " component name (lower-case letters, digits and '-')");
        continue;
      }
      ReadyComponent before = byName.putIfAbsent(name, component);
      if (before != null) {
        problems.add("ready components " + before.getClass().getName() + " and " + component.getClass().getName()
            + " are both named '" + name + "': remove one from the class path");
      }
    }
    return new ReadyComponents(byName, problems);
  }

  /** The ready components the thread's context class loader offers, as {@link Kindling#create} finds them. */
  public static ReadyComponents onContextClassPath() {
    return load(Thread.currentThread().getContextClassLoader());
  }

  /** Every ready component, by name; of two with one name, the first found. */
  public List<ReadyComponent> all() {
    return List.copyOf(byName.values());
  }

  /** Their names, in order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The ready component called {@code name}, if there is one. */
  public Optional<ReadyComponent> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** What is wrong with the providers: each names the class or the {@code META-INF/services} entry. */
  public List<String> problems() {
    return problems;
  }
}
