package dev.kindling.command;

import dev.kindling.dispatch.HandlerScanner;
import dev.kindling.dispatch.HandlerSpec;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Finds the {@link Command} methods of a component's classes and checks them, collecting every problem. */
public final class CommandScanner {
  private CommandScanner() {}

  /** The commands found, and what is wrong with them. */
  public record Result(List<CommandSpec> commands, List<String> problems) {}

  /** Scans {@code classes}. */
  public static Result scan(List<Class<?>> classes) {
    List<CommandSpec> commands = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, CommandSpec> byNode = new HashMap<>();
    for (Class<?> type : classes) {
      for (Method method : HandlerScanner.methods(type)) {
        Command command = method.getAnnotation(Command.class);
        if (command == null) {
          continue;
        }
        String where = HandlerSpec.describe(method);
        List<String> found = new ArrayList<>();
        if (command.node().isBlank()) {
          found.add(where + ": @Command needs a node");
        }
        if (command.name().isBlank()) {
          found.add(where + ": @Command needs a name");
        }
        if (Modifier.isStatic(method.getModifiers())) {
          found.add(where + ": is static; command methods belong to an instance that Guice creates");
        }
        if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != CommandRequest.class
            || method.getReturnType() != CommandStep.class) {
          found.add(where + ": a @Command method takes a CommandRequest and returns a CommandStep");
        }
        CommandSpec spec = new CommandSpec(command.node(), command.name(), command.access(), method);
        CommandSpec previous = byNode.putIfAbsent(command.node(), spec);
        if (previous != null) {
          found.add(where + ": command node '" + command.node() + "' is already "
              + HandlerSpec.describe(previous.method()));
        }
        if (found.isEmpty()) {
          commands.add(spec);
        }
        problems.addAll(found);
      }
    }
    return new Result(List.copyOf(commands), List.copyOf(problems));
  }
}
