package dev.kindling.inject;

import com.google.inject.ConfigurationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.util.Modules;
import dev.kindling.builtin.Builtin;
import dev.kindling.config.ConfigKeys;
import dev.kindling.connection.ComponentConnection;
import dev.kindling.connection.ComponentSettings;
import dev.kindling.dispatch.HandlerRegistrationException;
import dev.kindling.handler.Outbound;
import dev.kindling.internal.HandlerThread;
import dev.kindling.lifecycle.ComponentService;
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
 * A Kindling process: its components, each with its own connection, handlers and threads, and the services they
 * share, built from Guice modules and the configuration.
 *
 * <pre>{@code
 * KindlingConfig config = KindlingConfig.load(Path.of("kindling.properties"), System.getenv(), Map.of());
 * try (Kindling kindling = Kindling.create(config, new WeatherModule())) {
 *   kindling.start();            // starts the services, then connects every component
 *   ...                          // until it is time to stop
 * }                              // drains accepted stanzas, closes the connections, stops the services
 * }</pre>
 *
 * <p>{@link #create} checks everything before any socket opens: the configuration ({@link ConfigException}) and
 * every handler of every component ({@link HandlerRegistrationException}), each listing all its problems.
 */
public final class Kindling implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Kindling.class);

  /** A component and its connection. */
  private record Running(ComponentRuntime runtime, ComponentConnection connection) {}

  private final Map<String, Running> components;
  private final ServiceGroup services;
  private final SingletonCloser singletons;
  private final boolean retryFirstConnect;
  private boolean closed;

  private Kindling(Map<String, Running> components, ServiceGroup services, SingletonCloser singletons,
      boolean retryFirstConnect) {
    this.components = components;
    this.services = services;
    this.singletons = singletons;
    this.retryFirstConnect = retryFirstConnect;
  }

  /**
   * Builds the components declared by {@code modules} (with {@link Components}) and those listed under
   * {@code components} in the configuration; connects nothing and starts no service yet. A listed name is made of
   * its {@code component.<name>.handlers}; else it is the component a module declares of that name, if one does
   * (a module wins over a ready component, so a module replaces one); else the {@link ReadyComponent} of that
   * name, or of its {@code component.<name>.kind}, found by {@link ReadyComponents#onContextClassPath()}.
   *
   * @throws ConfigException if the configuration is wrong, listing every problem at once (a name that is none of
   *     these among them, with the ready components there are)
   * @throws HandlerRegistrationException if handler classes are wrong
   */
  public static Kindling create(KindlingConfig config, Module... modules) {
    ComponentChoice choice = ComponentChoice.of(config, List.of(modules), ReadyComponents.onContextClassPath());
    List<Module> all = new ArrayList<>(List.of(modules));
    all.addAll(choice.readyModules());
    SingletonCloser singletons = new SingletonCloser();
    Injector parent = Guice.createInjector(Modules.override(new KindlingModule(config, singletons)).with(all));
    try {
      return create(config, choice, parent, singletons);
    } catch (RuntimeException e) {
      // What the injector made already (a module's eager singletons) is released before the problems are told.
      singletons.closeAll();
      throw e;
    }
  }

  private static Kindling create(KindlingConfig config, ComponentChoice choice, Injector parent,
      SingletonCloser singletons) {
    Set<ComponentSpec> declared = parent.getInstance(Key.get(new TypeLiteral<Set<ComponentSpec>>() { }));
    check(config, choice, parent, declared);
    List<ComponentSpec> specs = specs(declared, choice);
    Set<Builtin> builtins = config.builtins();
    Map<String, ComponentPlan> plans = new LinkedHashMap<>();
    Map<String, ComponentSettings> settings = new LinkedHashMap<>();
    List<String> configProblems = new ArrayList<>();
    for (ComponentSpec spec : specs) {
      plans.put(spec.name(), ComponentPlan.of(spec, builtins));
      try {
        settings.put(spec.name(), config.componentSettings(spec.name()));
      } catch (ConfigException e) {
        configProblems.addAll(e.problems());
      }
    }
    if (!configProblems.isEmpty()) {
      throw new ConfigException(configProblems);
    }
    List<String> problems = new ArrayList<>();
    List<ServiceGroup.Member> shared = processServices(parent, problems);
    Map<String, Running> components = new LinkedHashMap<>();
    for (ComponentSpec spec : specs) {
      ComponentPlan plan = plans.get(spec.name());
      problems.addAll(plan.problems());
      ComponentSettings componentSettings = settings.get(spec.name());
      ComponentConnection connection = new ComponentConnection(componentSettings);
      try {
        ComponentRuntime runtime = plan.build(parent, connection, componentSettings.serverDomain(), config, () -> { });
        connection.addListener(runtime.connectionListener());
        components.put(spec.name(), new Running(runtime, connection));
      } catch (HandlerRegistrationException e) {
        problems.addAll(e.problems());
        connection.close();
      }
    }
    if (!problems.isEmpty()) {
      components.values().forEach(Kindling::release);
      throw new HandlerRegistrationException(specs.size() == 1 ? specs.get(0).name() : "the components", problems);
    }
    return new Kindling(components, new ServiceGroup(shared), singletons, config.retryFirstConnect());
  }

  /**
   * Builds one component sending through {@code outbound}, with no connection: for the test kit's in-memory
   * tester and for benchmarks. Its {@link ComponentRuntime#stop()} also closes the singletons of the injector
   * made for it.
   *
   * @param serverDomain the domain whose users count as local for command access
   * @throws ConfigException if the configuration is wrong (its connection settings are not checked)
   * @throws HandlerRegistrationException if its handler classes are wrong
   */
  public static ComponentRuntime assemble(ComponentSpec spec, KindlingConfig config, Outbound outbound,
      String serverDomain, Module... modules) {
    SingletonCloser singletons = new SingletonCloser();
    Injector parent = Guice.createInjector(Modules.override(new KindlingModule(config, singletons)).with(modules));
    List<String> problems = new ArrayList<>();
    try {
      config.check(parent.getInstance(ConfigKeys.SET), List.of());
      ComponentPlan plan = ComponentPlan.of(spec, config.builtins());
      problems.addAll(plan.problems());
      ComponentRuntime runtime = plan.build(parent, outbound, serverDomain, config, singletons::closeAll);
      if (problems.isEmpty()) {
        return runtime;
      }
      runtime.drain();
    } catch (HandlerRegistrationException e) {
      problems.addAll(e.problems());
    } catch (RuntimeException e) {
      singletons.closeAll();
      throw e;
    }
    singletons.closeAll();
    throw new HandlerRegistrationException(spec.name(), problems);
  }

  /**
   * Checks the names of {@code components} and the configuration together, so that a mistyped component name and
   * a key only its component declares are told at once.
   */
  private static void check(KindlingConfig config, ComponentChoice choice, Injector parent,
      Set<ComponentSpec> declared) {
    List<String> problems = new ArrayList<>(choice.problems(declared));
    List<String> names = Stream.concat(config.componentNames().stream(), declared.stream().map(ComponentSpec::name))
        .distinct().toList();
    problems.addAll(config.problems(parent.getInstance(ConfigKeys.SET), names));
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /** The services declared with {@link Components#service}, which must be singletons to be the ones injected. */
  private static List<ServiceGroup.Member> processServices(Injector parent, List<String> problems) {
    List<ServiceGroup.Member> members = new ArrayList<>();
    for (ServiceSpec spec : parent.getInstance(Key.get(new TypeLiteral<Set<ServiceSpec>>() { }))) {
      Class<? extends ComponentService> type = spec.type();
      if (!Scopes.isSingleton(parent.getBinding(type))) {
        problems.add("service " + type.getSimpleName() + " is not a singleton, so the instance started would not"
            + " be the one injected: annotate it @Singleton or bind it in(Singleton.class)");
        continue;
      }
      try {
        members.add(new ServiceGroup.Member(parent.getInstance(type), "service " + type.getSimpleName()));
      } catch (ProvisionException | ConfigurationException e) {
        problems.add("service " + type.getSimpleName() + ": Guice cannot create it: "
            + e.getMessage().lines().filter(line -> !line.isBlank()).skip(1).findFirst().orElse(e.getMessage()));
      }
    }
    return members;
  }

  private static List<ComponentSpec> specs(Set<ComponentSpec> declared, ComponentChoice choice) {
    List<ComponentSpec> specs = new ArrayList<>(declared);
    specs.addAll(choice.fromHandlers());
    if (specs.isEmpty()) {
      throw new ConfigException(List.of(choice.noComponents()));
    }
    List<String> names = specs.stream().map(ComponentSpec::name).toList();
    if (names.stream().distinct().count() != names.size()) {
      throw new ConfigException(List.of("component names must be unique: " + names));
    }
    return specs;
  }

  /**
   * Starts the shared services, then each component: its services, then its connection, waiting for its
   * handshake. With {@code retry-first-connect} (the default), a component whose server cannot be reached yet
   * keeps trying in the background instead of failing the start; a refusal by the server fails it still.
   *
   * @throws dev.kindling.lifecycle.ServiceStartException naming the service that failed to start
   * @throws IOException naming the server and component if one cannot connect
   * @throws dev.kindling.stream.StreamErrorException if a server refused a component
   *     (everything started is stopped again, in reverse, before any of these is thrown)
   */
  public synchronized void start() throws IOException {
    if (closed) {
      throw new IllegalStateException("this Kindling was closed; create another to start again");
    }
    try {
      services.start();
      for (Running running : components.values()) {
        running.runtime().start();
        running.connection().connect(running.runtime().inbound(), retryFirstConnect);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
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
   * Stops every component, in reverse order: accepted stanzas are handled (up to the drain timeout) and their
   * replies sent, its connection sends {@code </stream:stream>} and closes, and its services stop; then the
   * shared services stop, and the {@link AutoCloseable} singletons Guice made are closed. Logs each step at INFO.
   * Safe to call more than once. Called while {@link #start()} runs on another thread, it waits for it. Called
   * from a handler or a connection listener, it stops on a thread of its own ({@code kindling-close}) and returns
   * at once: waiting there would wait for the handler itself and for the stanzas queued behind it.
   */
  @Override
  public void close() {
    if (Thread.currentThread() instanceof HandlerThread) {
      Thread stopper = new Thread(this::stopAll, "kindling-close");
      stopper.start();
      return;
    }
    stopAll();
  }

  private synchronized void stopAll() {
    if (closed) {
      return;
    }
    closed = true;
    List<Running> order = new ArrayList<>(components.values());
    for (int i = order.size() - 1; i >= 0; i--) {
      stop(order.get(i));
    }
    services.stop();
    singletons.closeAll();
  }

  private static void stop(Running running) {
    ComponentRuntime runtime = running.runtime();
    if (runtime.drain()) {
      log.info("{}: handled every accepted stanza", runtime.name());
    } else {
      log.warn("{}: {} stanzas were still being handled when the drain timeout passed", runtime.name(),
          runtime.pending());
    }
    running.connection().close();
    runtime.stop();
    log.info("{}: closed its connection and stopped", runtime.name());
  }

  /** Releases a component that was built but never started. */
  private static void release(Running running) {
    running.runtime().drain();
    running.connection().close();
    running.runtime().stop();
  }
}
