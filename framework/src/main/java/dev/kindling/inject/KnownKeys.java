package dev.kindling.inject;

import dev.kindling.config.ConfigKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The keys a configuration check knows: found by name and by environment variable, per-component ones made for
 * their component, and the names a mistyped one may have meant.
 */
final class KnownKeys {
  private final Map<String, ConfigKey<?>> byVariable = new LinkedHashMap<>();
  private final List<ConfigKey<?>> single = new ArrayList<>();
  private final List<ConfigKey<?>> perComponent = new ArrayList<>();
  private final List<String> clashes = new ArrayList<>();
  private final Collection<String> componentNames;

  /** Indexes {@code keys}; two with one environment variable but another name or type are a clash. */
  KnownKeys(Collection<? extends ConfigKey<?>> keys, Collection<String> componentNames) {
    this.componentNames = componentNames;
    for (ConfigKey<?> key : keys) {
      ConfigKey<?> before = byVariable.putIfAbsent(key.environmentName(), key);
      if (before == null) {
        (key.isPerComponent() ? perComponent : single).add(key);
      } else if (!before.name().equals(key.name()) || !before.type().equals(key.type())) {
        clashes.add("config keys " + before + " and " + key + " are both declared, with one environment variable "
            + key.environmentName() + ": rename one");
      }
    }
  }

  /** Each pair of declarations that clash. */
  List<String> clashes() {
    return clashes;
  }

  /** The key named {@code name}; for a per-component key, the one of its component. */
  Optional<ConfigKey<?>> named(String name) {
    return find(key -> key.name().equals(name), template -> template.componentNameIn(name));
  }

  /** The key environment variable {@code variable} sets; for a per-component key, the one of its component. */
  Optional<ConfigKey<?>> ofVariable(String variable) {
    return find(key -> key.environmentName().equals(variable), template -> template.componentNameInVariable(variable));
  }

  private Optional<ConfigKey<?>> find(Predicate<ConfigKey<?>> matches,
      Function<ConfigKey<?>, Optional<String>> componentName) {
    Optional<ConfigKey<?>> key = single.stream().filter(matches).findFirst();
    if (key.isPresent()) {
      return key;
    }
    for (ConfigKey<?> template : perComponent) {
      Optional<String> name = componentName.apply(template);
      if (name.isPresent()) {
        return Optional.of(template.forName(name.get()));
      }
    }
    return Optional.empty();
  }

  /**
   * Key names {@code typed} may have meant: every key's, and each per-component key's for each component and for
   * the component {@code typed} seems to name ({@code component.foo.domian} → {@code component.foo.domain}).
   */
  Set<String> namesLike(String typed) {
    Set<String> names = new LinkedHashSet<>();
    single.forEach(key -> names.add(key.name()));
    for (ConfigKey<?> template : perComponent) {
      componentNames.forEach(name -> names.add(template.forName(name).name()));
      String[] around = template.name().split(ConfigKey.NAME_PLACEHOLDER, -1);
      int dot = typed.indexOf('.', around[0].length());
      if (typed.startsWith(around[0]) && dot > around[0].length()) {
        names.add(around[0] + typed.substring(around[0].length(), dot) + around[1]);
      }
    }
    return names;
  }

  /** Environment variables a mistyped one may have meant, each with "key 'its key'". */
  Map<String, String> variables() {
    Map<String, String> variables = new LinkedHashMap<>();
    single.forEach(key -> variables.put(key.environmentName(), "key '" + key.name() + "'"));
    for (ConfigKey<?> template : perComponent) {
      componentNames.forEach(name -> variables.put(template.forName(name).environmentName(),
          "key '" + template.forName(name).name() + "'"));
    }
    return variables;
  }
}
