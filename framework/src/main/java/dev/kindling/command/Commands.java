package dev.kindling.command;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/** The component's commands, each bound to its handler instance, by node. Immutable. */
public final class Commands {
  private final Map<String, Bound> byNode;

  /** A command ready to start. */
  record Bound(CommandSpec spec, MethodHandle first) {
    CommandStep start(CommandRequest request) throws Throwable {
      return (CommandStep) first.invokeExact(request);
    }
  }

  private Commands(Map<String, Bound> byNode) {
    this.byNode = byNode;
  }

  /**
   * Binds each command to the instance of its class that {@code instances} returns.
   *
   * @throws IllegalArgumentException if a method cannot be called
   */
  public static Commands bind(Collection<CommandSpec> specs, Function<Class<?>, Object> instances) {
    Map<String, Bound> byNode = new LinkedHashMap<>();
    for (CommandSpec spec : specs) {
      spec.method().setAccessible(true);
      try {
        MethodHandle handle = MethodHandles.lookup().unreflect(spec.method())
            .bindTo(instances.apply(spec.method().getDeclaringClass()))
            .asType(MethodType.methodType(CommandStep.class, CommandRequest.class));
        byNode.put(spec.node(), new Bound(spec, handle));
      } catch (IllegalAccessException e) {
        throw new IllegalArgumentException("command " + spec.node() + " cannot be called: " + e.getMessage(), e);
      }
    }
    return new Commands(byNode);
  }

  /** Whether there are any. */
  public boolean isEmpty() {
    return byNode.isEmpty();
  }

  Bound get(String node) {
    return byNode.get(node);
  }

  Collection<Bound> all() {
    return byNode.values();
  }
}
