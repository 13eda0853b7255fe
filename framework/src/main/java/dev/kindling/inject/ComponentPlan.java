package dev.kindling.inject;

import com.google.inject.AbstractModule;
import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.ProvisionException;
import com.google.inject.Singleton;
import dev.kindling.builtin.Builtin;
import dev.kindling.command.AccessPolicy;
import dev.kindling.command.AdHocCommandHandler;
import dev.kindling.command.CommandScanner;
import dev.kindling.command.CommandSessions;
import dev.kindling.command.Commands;
import dev.kindling.disco.DiscoHandler;
import dev.kindling.disco.DiscoInfo;
import dev.kindling.disco.DiscoProvider;
import dev.kindling.disco.DiscoProviders;
import dev.kindling.dispatch.Dispatcher;
import dev.kindling.dispatch.HandlerRegistrationException;
import dev.kindling.dispatch.HandlerScanner;
import dev.kindling.dispatch.HandlerSpec;
import dev.kindling.dispatch.HandlerTable;
import dev.kindling.dispatch.Invoker;
import dev.kindling.dispatch.PerSenderExecutor;
import dev.kindling.dispatch.Route;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Outbound;
import dev.kindling.lifecycle.ComponentService;
import dev.kindling.lifecycle.ConnectionEvents;
import java.lang.annotation.Annotation;
import java.lang.reflect.Parameter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A component checked and ready to build: its classes (the user's plus disco, the switched-on built-ins and,
 * when it has commands, the command handler), its handlers and commands, its disco#info, and every problem
 * found. Building creates its injector, handler instances, routing table and dispatcher.
 */
final class ComponentPlan {
  /** The {@link DiscoProvider} methods whose {@link Blocking} puts disco on the blocking pool. */
  private static final Set<String> DISCO_METHODS = Set.of("info", "items", "infoAsync", "itemsAsync");

  private final ComponentSpec spec;
  private final List<Class<?>> classes;
  private final List<HandlerSpec> handlers;
  private final CommandScanner.Result commands;
  private final DiscoInfo discoInfo;
  private final List<String> problems = new ArrayList<>();

  private ComponentPlan(ComponentSpec spec, Set<Builtin> builtins) {
    this.spec = spec;
    this.commands = CommandScanner.scan(spec.handlers());
    Set<Class<?>> all = new LinkedHashSet<>(spec.handlers());
    Set<Class<?>> everywhere = new LinkedHashSet<>();
    everywhere.add(DiscoHandler.class);
    builtins.forEach(builtin -> everywhere.add(builtin.handler()));
    all.addAll(everywhere);
    if (!commands.commands().isEmpty()) {
      all.add(AdHocCommandHandler.class);
    }
    this.classes = List.copyOf(all);
    HandlerScanner.Result scanned = HandlerScanner.scan(classes);
    this.handlers = discoOnBlockingPoolIfNeeded(scanned.handlers());
    problems.addAll(scanned.problems());
    problems.addAll(commands.problems());
    this.discoInfo = DiscoInfo.describe(spec.name(), classes, everywhere, handlers, problems);
  }

  /**
   * The handlers, with disco's on the blocking pool when a {@link DiscoProvider} of the component blocks (marks
   * one of its methods {@link Blocking}).
   */
  private List<HandlerSpec> discoOnBlockingPoolIfNeeded(List<HandlerSpec> scanned) {
    boolean providerBlocks = classes.stream().filter(DiscoProvider.class::isAssignableFrom)
        .flatMap(type -> HandlerScanner.methods(type).stream())
        .anyMatch(method -> method.isAnnotationPresent(Blocking.class) && DISCO_METHODS.contains(method.getName()));
    if (!providerBlocks) {
      return scanned;
    }
    return scanned.stream().map(handler -> handler.owner() == DiscoHandler.class
        ? handler.withBlocking(true) : handler).toList();
  }

  /** Reads and checks the classes of {@code spec}; see {@link #problems()}. */
  static ComponentPlan of(ComponentSpec spec, Set<Builtin> builtins) {
    return new ComponentPlan(spec, builtins);
  }

  /** Everything wrong with the component's classes, each naming the class and method. */
  List<String> problems() {
    return problems;
  }

  /**
   * Builds the component under {@code parent}, sending through {@code outbound}; creates no thread yet.
   *
   * @param afterStop runs when the component has stopped
   * @throws HandlerRegistrationException listing every handler Guice cannot create or whose parameters it
   *     cannot supply
   */
  ComponentRuntime build(Injector parent, Outbound outbound, String serverDomain, KindlingConfig config,
      Runnable afterStop) {
    EventRelay events = new EventRelay(spec.name());
    Injector injector;
    try {
      injector = parent.createChildInjector(new ComponentBindings(outbound, serverDomain, config, events));
    } catch (CreationException e) {
      throw new HandlerRegistrationException(spec.name(), e.getErrorMessages().stream().map(this::creationProblem)
          .toList());
    }
    List<String> failures = new ArrayList<>();
    List<Route> routes = new ArrayList<>();
    for (HandlerSpec handler : handlers) {
      Object instance = instance(injector, handler.owner(), handler.describe(), failures);
      if (instance != null) {
        Invoker invoker = Invoker.bind(handler, instance, parameter -> supplier(injector, parameter), failures);
        if (invoker != null) {
          routes.add(new Route(handler, invoker));
        }
      }
    }
    // Every class of the component is created now, also those without handlers (a listener of connection events,
    // a service), so each is there before the first stanza and every problem shows at start.
    List<ServiceGroup.Member> services = new ArrayList<>();
    for (Class<?> type : classes) {
      Object instance = instance(injector, type, type.getSimpleName(), failures);
      if (instance instanceof ComponentService service) {
        services.add(new ServiceGroup.Member(service, type.getSimpleName() + " of component " + spec.name()));
      }
    }
    if (!failures.isEmpty()) {
      throw new HandlerRegistrationException(spec.name(), failures);
    }
    PerSenderExecutor executor = new PerSenderExecutor(spec.name(), config.dispatchSettings());
    Dispatcher dispatcher = new Dispatcher(spec.name(), new HandlerTable(routes), outbound, executor);
    return new ComponentRuntime(spec.name(), injector, dispatcher, executor, new ServiceGroup(services), events,
        afterStop);
  }

  /** The component's instance of {@code type}, or {@code null} after adding a problem naming {@code where}. */
  private static Object instance(Injector injector, Class<?> type, String where, List<String> failures) {
    try {
      return injector.getInstance(type);
    } catch (ConfigurationException | ProvisionException e) {
      String problem = where + ": Guice cannot create " + type.getSimpleName() + ": "
          + e.getMessage().lines().filter(line -> !line.isBlank()).skip(1).findFirst().orElse(e.getMessage());
      if (!failures.contains(problem)) {
        failures.add(problem);
      }
      return null;
    }
  }

  /** A problem Guice found creating the component's injector, naming the class it is about. */
  private String creationProblem(com.google.inject.spi.Message message) {
    String where = message.getMessage() + " " + message.getSources();
    String type = classes.stream().filter(c -> where.contains(c.getName()) || where.contains(c.getSimpleName()))
        .map(Class::getSimpleName).findFirst().orElse("a handler class");
    String first = message.getMessage().lines().findFirst().orElse("");
    if (first.contains("already configured") || first.contains("bound multiple times")) {
      return "Guice cannot give the component its own " + type + ": " + first + " (is a handler class bound in a"
          + " module, or injected into another component's handler? Each component creates its handler classes"
          + " itself)";
    }
    return type + ": Guice cannot create it: " + first;
  }

  /** A Guice provider for a handler parameter, honouring a binding annotation such as {@code @Named}. */
  private static Supplier<?> supplier(Injector injector, Parameter parameter) {
    Annotation qualifier = Invoker.qualifier(parameter);
    Key<?> key = qualifier == null ? Key.get(parameter.getParameterizedType())
        : Key.get(parameter.getParameterizedType(), qualifier);
    try {
      Provider<?> provider = injector.getProvider(key);
      return provider::get;
    } catch (ConfigurationException e) {
      throw new IllegalArgumentException("Guice has no binding for " + key.getTypeLiteral(), e);
    }
  }

  /** What the component's own injector adds to the shared one. */
  private final class ComponentBindings extends AbstractModule {
    private final Outbound outbound;
    private final String serverDomain;
    private final KindlingConfig config;
    private final EventRelay events;

    ComponentBindings(Outbound outbound, String serverDomain, KindlingConfig config, EventRelay events) {
      this.outbound = outbound;
      this.serverDomain = serverDomain;
      this.config = config;
      this.events = events;
    }

    @Override
    protected void configure() {
      bind(Outbound.class).toInstance(outbound);
      bind(ConnectionEvents.class).toInstance(events);
      bind(DiscoInfo.class).toInstance(discoInfo);
      bind(AccessPolicy.class).toInstance(new AccessPolicy(config.admins(), serverDomain));
      for (Class<?> type : classes) {
        bind(type).in(Singleton.class);
      }
    }

    @Provides
    @Singleton
    CommandSessions commandSessions(Clock clock) {
      return new CommandSessions(clock, config.commandSessionTimeout(), config.maxCommandSessions());
    }

    @Provides
    @Singleton
    DiscoProviders discoProviders(Injector injector) {
      return new DiscoProviders(classes.stream().filter(DiscoProvider.class::isAssignableFrom)
          .map(type -> (DiscoProvider) injector.getInstance(type)).toList());
    }

    @Provides
    @Singleton
    Commands commands(Injector injector) {
      return Commands.bind(commands.commands(), injector::getInstance);
    }
  }
}
