package dev.kindling.inject;

import com.google.inject.Module;
import dev.kindling.config.ConfigKey;
import dev.kindling.config.NearestKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each name listed in {@code components} stands for, decided before the injector is made, since a ready
 * component's module must be installed in it: its handler classes ({@code component.<name>.handlers}), else a
 * component a module declares (which wins over a ready one of its name), else the ready component of its name
 * or of its {@code component.<name>.kind}. Collects every problem found on the way.
 */
final class ComponentChoice {
  private static final Logger log = LoggerFactory.getLogger(ComponentChoice.class);

  private final ReadyComponents ready;
  private final List<ComponentSpec> fromHandlers = new ArrayList<>();
  private final Map<String, ReadyComponent> readyByComponent = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();

  private ComponentChoice(ReadyComponents ready) {
    this.ready = ready;
  }

  /**
   * Decides each name of {@code config}'s {@code components}. A name that is not a component name, or whose
   * {@code component.<name>.kind} the key refuses, is left to the configuration check, which names it.
   */
  static ComponentChoice of(KindlingConfig config, Collection<? extends Module> modules, ReadyComponents ready) {
    ComponentChoice choice = new ComponentChoice(ready);
    Set<String> declared = Components.namesDeclaredBy(modules);
    Set<String> seen = new HashSet<>();
    boolean lookedUp = false;
    for (String name : config.componentNames()) {
      if (!ConfigKey.isComponentName(name)) {
        continue;
      }
      if (!seen.add(name)) {
        choice.problems.add("components lists '" + name + "' more than once");
        continue;
      }
      String kindKey = KindlingKeys.COMPONENT_KIND.forName(name).name();
      Optional<String> kind;
      try {
        kind = config.find(KindlingKeys.COMPONENT_KIND.forName(name));
      } catch (ConfigException e) {
        continue;
      }
      List<String> handlers = config.handlerClassNames(name);
      if (!handlers.isEmpty()) {
        if (kind.isPresent()) {
          choice.problems.add(kindKey + " and component." + name + ".handlers are both set: a component runs a"
              + " ready component or handler classes of its own, not both");
        } else {
          choice.fromHandlers.add(new ComponentSpec(name, choice.handlerClasses(name, handlers)));
        }
      } else if (declared.contains(name)) {
        if (kind.isPresent()) {
          choice.problems.add(kindKey + " is set, but a module declares component '" + name + "' too: drop one");
        } else if (ready.named(name).isPresent()) {
          log.info("{}: declared by a module, which wins over the ready component of that name", name);
        }
      } else {
        lookedUp = true;
        Optional<ReadyComponent> found = ready.named(kind.orElse(name));
        if (found.isPresent()) {
          choice.readyByComponent.put(name, found.get());
        } else if (kind.isPresent()) {
          choice.problems.add(kindKey + " = '" + kind.get() + "' (from " + config.sourceOf(kindKey) + ") names no"
              + " ready component (" + choice.offer(kind.get()) + ")");
        } else {
          choice.problems.add("components lists '" + name + "': no ready component has that name ("
              + choice.offer(name) + "), no module declares it, and component." + name + ".handlers is not set");
        }
      }
    }
    if (lookedUp) {
      choice.problems.addAll(ready.problems());
    }
    return choice;
  }

  private List<Class<?>> handlerClasses(String name, List<String> classNames) {
    List<Class<?>> handlers = new ArrayList<>();
    for (String className : classNames) {
      try {
        handlers.add(Class.forName(className, true, Thread.currentThread().getContextClassLoader()));
      } catch (ClassNotFoundException | LinkageError e) {
        problems.add("component." + name + ".handlers names " + className + ", which is not on the class path");
      }
    }
    return handlers;
  }

  /** The ready components there are, the one closest to {@code typed} first: "did you mean 'pubsub'? ready: …". */
  private String offer(String typed) {
    List<String> names = ready.names();
    if (names.isEmpty()) {
      return "none on the class path";
    }
    return NearestKey.to(typed, names).map(near -> "did you mean '" + near + "'? ").orElse("")
        + "ready: " + String.join(", ", names);
  }

  /** The components made of the handler classes listed in the configuration. */
  List<ComponentSpec> fromHandlers() {
    return fromHandlers;
  }

  /** The module of each ready component chosen, made for the name it runs under. */
  List<Module> readyModules() {
    List<Module> modules = new ArrayList<>();
    readyByComponent.forEach((name, component) -> modules.add(component.module(name)));
    return modules;
  }

  /**
   * Every problem with the names of {@code components}, and each ready component chosen whose module did not
   * declare the component it was made for ({@code declared}: the components the injector has).
   */
  List<String> problems(Collection<ComponentSpec> declared) {
    Set<String> names = declared.stream().map(ComponentSpec::name).collect(Collectors.toSet());
    List<String> all = new ArrayList<>(problems);
    readyByComponent.forEach((name, component) -> {
      if (!names.contains(name)) {
        all.add("ready component " + component.name() + " (" + component.getClass().getName() + ") declares no"
            + " component '" + name + "': its module(name) must add a component of the name it is given");
      }
    });
    return all;
  }

  /** The problem of a process with no component at all, saying the ways to have one. */
  String noComponents() {
    List<String> names = ready.names();
    return "no components to run: list them under 'components', each a ready component ("
        + (names.isEmpty() ? "none on the class path" : String.join(", ", names)) + ") or with its"
        + " component.<name>.handlers, or declare them in a module with Components.bind(binder())";
  }
}
