package dev.kindling.cli;

import com.google.inject.Module;
import dev.kindling.config.ConfigKey;
import dev.kindling.config.ConfigKeys;
import dev.kindling.inject.ConfigException;
import dev.kindling.inject.KindlingKeys;
import dev.kindling.inject.ReadyComponent;
import dev.kindling.inject.ReadyComponents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kindling keys}: lists the configuration keys of Kindling, of the given modules and of the ready
 * components on the class path, each with its type, default and description, from the same declarations the
 * start-up check uses; then the ready components, which {@code components=NAME} runs. A secret key's default is
 * never shown. The modules and ready components are found as {@code kindling run} finds them ({@code --jar}
 * included), but nothing of theirs is created.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
    description = "List the configuration keys of Kindling, of modules and of the ready components on the class"
        + " path: name, type, default, description; then the ready components, which --set components=NAME runs.%n"
        + "Each key is read from the file (--config), the environment (KINDLING_ and the key in capitals, . and -"
        + " as _) and --set, each overriding the one before.")
final class KeysCommand implements Callable<Integer> {
  @Option(names = {"-m", "--module"}, description = "A Guice module class whose declared keys to list too.")
  private List<String> modules = new ArrayList<>();

  @Option(names = "--jar", description = "A jar (or a directory of jars) to add to the class path, for the modules"
      + " and ready components.")
  private List<Path> jars = new ArrayList<>();

  @Option(names = "--markdown", description = "Print Markdown tables, as in the README ('<' written as &lt;).")
  private boolean markdown;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Set<ConfigKey<?>> keys = new LinkedHashSet<>(KindlingKeys.all());
    keys.addAll(ConfigKeys.declaredBy(List.of(loadModules())));
    ReadyComponents ready = ReadyComponents.onContextClassPath();
    if (!ready.problems().isEmpty()) {
      throw new ConfigException(ready.problems());
    }
    keys.addAll(ConfigKeys.declaredBy(ready.all().stream().map(component -> component.module(component.name()))
        .toList()));
    PrintWriter out = spec.commandLine().getOut();
    if (markdown) {
      out.println("| key | type | default | meaning |");
      out.println("|---|---|---|---|");
      keys.forEach(key -> out.println("| `" + key.name() + "` | " + key.type() + " | " + shownDefault(key) + " | "
          + key.description().replace("<", "&lt;") + " |"));
      if (!ready.all().isEmpty()) {
        out.println();
        out.println("| ready component | what it is |");
        out.println("|---|---|");
        ready.all().forEach(component -> out.println("| `" + component.name() + "` | "
            + component.description().replace("<", "&lt;") + " |"));
      }
    } else {
      int name = keys.stream().mapToInt(key -> key.name().length()).max().orElse(0);
      int type = keys.stream().mapToInt(key -> key.type().length()).max().orElse(0);
      int value = keys.stream().mapToInt(key -> shownDefault(key).length()).max().orElse(0);
      String row = "%-" + name + "s  %-" + type + "s  %-" + value + "s  %s%n";
      out.printf(row, "KEY", "TYPE", "DEFAULT", "DESCRIPTION");
      keys.forEach(key -> out.printf(row, key.name(), key.type(), shownDefault(key), key.description()));
      out.println();
      String header = "READY COMPONENT";
      int width = Math.max(header.length(), ready.names().stream().mapToInt(String::length).max().orElse(0));
      String readyRow = "%-" + width + "s  %s%n";
      out.printf(readyRow, header, "DESCRIPTION (run with --set components=NAME)");
      for (ReadyComponent component : ready.all()) {
        out.printf(readyRow, component.name(), component.description());
      }
      if (ready.all().isEmpty()) {
        out.println("(none on the class path; add a jar of one with --jar)");
      }
    }
    out.flush();
    return 0;
  }

  /** The modules, loaded by a {@code kindling run} given the same {@code --module} and {@code --jar} options. */
  private Module[] loadModules() throws Exception {
    List<String> arguments = new ArrayList<>();
    modules.forEach(module -> arguments.addAll(List.of("--module", module)));
    jars.forEach(jar -> arguments.addAll(List.of("--jar", jar.toString())));
    RunCommand run = new RunCommand();
    new CommandLine(run).parseArgs(arguments.toArray(String[]::new));
    try {
      return run.loadModules();
    } catch (CommandLine.ParameterException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private static String shownDefault(ConfigKey<?> key) {
    return key.defaultText().orElse(key.isRequired() ? "required" : "—");
  }
}
