package dev.kindling.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Modules;
import dev.kindling.builtin.Builtin;
import dev.kindling.config.ConfigKeys;
import dev.kindling.connection.ComponentConnection;
import dev.kindling.connection.ComponentSettings;
import dev.kindling.dispatch.HandlerRegistrationException;
import dev.kindling.handler.Outbound;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kindling process: its components, each with its own connection, handlers and threads, built from Guice
 * modules and the configuration.
 *
 * <pre>{@code
 * KindlingConfig config = KindlingConfig.load(Path.of("kindling.properties"), System.getenv(), Map.of());
 * try (Kindling kindling = Kindling.create(config, new WeatherModule())) {
 *   kindling.start();            // connects every component
 *   ...                          // until it is time to stop
 * }                              // drains accepted stanzas, then closes the connections
 * }</pre>
 *
 * <p>{@link #create} checks everything before any socket opens: the configuration ({@link ConfigException}) and
 * every handler of every component ({@link HandlerRegistrationException}), each listing all its problems.
 */
public final class Kindling implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Kindling.class);

  /** A running component and its connection. */
  private record Running(ComponentRuntime runtime, ComponentConnection connection) {}

  private final Map<String, Running> components;

  private Kindling(Map<String, Running> components) {
    this.components = components;
  }

  /**
   * Builds the components declared by {@code modules} (with {@link Components}) and listed under
   * {@code components} in the configuration; connects nothing yet.
   *
   * @throws ConfigException if the configuration is wrong
   * @throws HandlerRegistrationException if handler classes are wrong
   */
  public static Kindling create(KindlingConfig config, Module... modules) {
    Injector parent = Guice.createInjector(Modules.override(new KindlingModule(config)).with(modules));
    config.check(parent.getInstance(ConfigKeys.SET), Stream.concat(config.componentNames().stream(),
        parent.getInstance(Key.get(new TypeLiteral<Set<ComponentSpec>>() { })).stream().map(ComponentSpec::name))
        .toList());
    List<ComponentSpec> specs = specs(parent, config);
    Set<Builtin> builtins = config.builtins();
    List<String> problems = new ArrayList<>();
    Map<String, ComponentPlan> plans = new LinkedHashMap<>();
    Map<String, ComponentSettings> settings = new LinkedHashMap<>();
    List<String> configProblems = new ArrayList<>();
    for (ComponentSpec spec : specs) {
      ComponentPlan plan = ComponentPlan.of(spec, builtins);
      problems.addAll(plan.problems());
      plans.put(spec.name(), plan);
      try {
        settings.put(spec.name(), config.componentSettings(spec.name()));
      } catch (ConfigException e) {
        configProblems.addAll(e.problems());
      }
    }
    if (!configProblems.isEmpty()) {
      throw new ConfigException(configProblems);
    }
    if (!problems.isEmpty()) {
      throw new HandlerRegistrationException(specs.size() == 1 ? specs.get(0).name() : "the components", problems);
    }
    Map<String, Running> components = new LinkedHashMap<>();
    for (ComponentSpec spec : specs) {
      ComponentSettings componentSettings = settings.get(spec.name());
      ComponentConnection connection = new ComponentConnection(componentSettings);
      ComponentRuntime runtime = plans.get(spec.name())
          .build(parent, connection, componentSettings.serverDomain(), config);
      components.put(spec.name(), new Running(runtime, connection));
    }
    return new Kindling(components);
  }

  /**
   * Builds one component sending through {@code outbound}, with no connection: for the test kit's in-memory
   * tester and for benchmarks.
   *
   * @param serverDomain the domain whose users count as local for command access
   * @throws ConfigException if the configuration is wrong (its connection settings are not checked)
   * @throws HandlerRegistrationException if its handler classes are wrong
   */
  public static ComponentRuntime assemble(ComponentSpec spec, KindlingConfig config, Outbound outbound,
      String serverDomain, Module... modules) {
    Injector parent = Guice.createInjector(Modules.override(new KindlingModule(config)).with(modules));
    config.check(parent.getInstance(ConfigKeys.SET), List.of());
    ComponentPlan plan = ComponentPlan.of(spec, config.builtins());
    if (!plan.problems().isEmpty()) {
      throw new HandlerRegistrationException(spec.name(), plan.problems());
    }
    return plan.build(parent, outbound, serverDomain, config);
  }

  private static List<ComponentSpec> specs(Injector parent, KindlingConfig config) {
    List<ComponentSpec> specs = new ArrayList<>(parent.getInstance(Key.get(new TypeLiteral<Set<ComponentSpec>>() { })));
    List<String> problems = new ArrayList<>();
    for (String name : config.componentNames()) {
      List<Class<?>> handlers = new ArrayList<>();
      for (String className : config.handlerClassNames(name)) {
        try {
          handlers.add(Class.forName(className, true, Thread.currentThread().getContextClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
          problems.add("component." + name + ".handlers names " + className + ", which is not on the class path");
        }
      }
      if (config.handlerClassNames(name).isEmpty()) {
        problems.add("component." + name + ".handlers is missing: list the component's handler classes");
      }
      specs.add(new ComponentSpec(name, handlers));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    if (specs.isEmpty()) {
      throw new ConfigException(List.of("no components to run: list them under 'components' with their"
          + " component.<name>.handlers, or declare them in a module with Components.bind(binder())"));
    }
    List<String> names = specs.stream().map(ComponentSpec::name).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new ConfigException(List.of("component names must be unique: " + names));
    }
    return specs;
  }

  /**
   * Connects every component, waiting for each handshake.
   *
   * @throws IOException naming the server and component if one cannot connect; the others are closed then
   */
  public void start() throws IOException {
    for (Running running : components.values()) {
      try {
        running.connection().connect(running.runtime().inbound());
      } catch (IOException | RuntimeException e) {
        close();
        throw e;
      }
    }
  }

  /** The component named {@code name}. */
  public ComponentRuntime component(String name) {
    Running running = components.get(name);
    if (running == null) {
      throw new IllegalArgumentException("no component '" + name + "'; there are " + components.keySet());
    }
    return running.runtime();
  }

  /** The connection of component {@code name}, to watch its state or send from outside a handler. */
  public ComponentConnection connection(String name) {
    component(name);
    return components.get(name).connection();
  }

  /** The names of the components, in order. */
  public List<String> componentNames() {
    return List.copyOf(components.keySet());
  }

  /**
   * Stops every component: accepted stanzas are handled (up to the drain timeout) and their replies sent, then
   * each connection sends {@code </stream:stream>} and closes.
   */
  @Override
  public void close() {
    for (Running running : components.values()) {
      if (!running.runtime().drain()) {
        log.warn("{}: {} stanzas were still being handled when the drain timeout passed", running.runtime().name(),
            running.runtime().pending());
      }
      running.connection().close();
    }
  }
}
