package dev.kindling.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.google.inject.Module;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kindling run}: starts the components of a configuration file (ready components by name among them)
 * and/or Guice modules, and serves until SIGTERM or Ctrl-C, when accepted stanzas are handled and the connections
 * closed. Kindling logs at INFO here (connections made and lost), at DEBUG with {@code --verbose}.
 */
@Command(name = "run", description = "Run components until Ctrl-C or SIGTERM.%n"
    + "Components come from the configuration and from Guice modules that declare them with"
    + " Components.bind(binder()). Each name in 'components' has its handler classes in component.<name>.handlers,"
    + " or is a --module's component, or else names a ready component (on the class path or in a --jar; 'kindling"
    + " keys' lists them): --set components=NAME runs one.")
final class RunCommand implements Callable<Integer> {
  @Option(names = {"-c", "--config"}, description = "A properties file (keys: see README); environment variables"
      + " KINDLING_* override it, --set overrides both.")
  private Path config;

  @Option(names = {"-m", "--module"}, description = "A Guice module class to install, with a no-argument constructor.")
  private List<String> modules = new ArrayList<>();

  @Option(names = "--jar", description = "A jar to add to the class path, for modules, handlers and ready"
      + " components, or a directory whose *.jar files are all added (in name order): a component with its own"
      + " dependencies ships as a folder of jars or as one shaded jar.")
  private List<Path> jars = new ArrayList<>();

  @Option(names = "--set", description = "A configuration key=value, overriding the file and the environment.")
  private Map<String, String> sets = new LinkedHashMap<>();

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Override
  public Integer call() throws Exception {
    if (config != null && !Files.isReadable(config)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --config " + config);
    }
    Logger kindlingLog = (Logger) LoggerFactory.getLogger("dev.kindling");
    if (kindlingLog.getLevel() == null) {
      kindlingLog.setLevel(Level.INFO);
    }
    ClassLoader loader = classLoader();
    Thread.currentThread().setContextClassLoader(loader);
    KindlingConfig configuration = KindlingConfig.load(config, System.getenv(), sets);
    Kindling kindling = Kindling.create(configuration, modules(loader));
    UntilStopped stopped = UntilStopped.closingOnShutdown(kindling);
    kindling.start();
    PrintWriter out = spec.commandLine().getOut();
    for (String name : kindling.componentNames()) {
      out.println("kindling: " + name + " serving " + kindling.connection(name).settings().domain() + " via "
          + kindling.connection(name).settings().address());
    }
    out.println("kindling: running; Ctrl-C or SIGTERM stops");
    out.flush();
    stopped.await();
    return 0;
  }

  private ClassLoader classLoader() throws IOException {
    ClassLoader parent = RunCommand.class.getClassLoader();
    if (jars.isEmpty()) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      for (Path file : jarFiles(jar)) {
        urls.add(file.toUri().toURL());
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  /** {@code jar} itself, or the {@code *.jar} files of the directory {@code jar} sorted by name. */
  private List<Path> jarFiles(Path jar) throws IOException {
    if (!Files.isDirectory(jar)) {
      if (!Files.isReadable(jar)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "cannot read --jar " + jar);
      }
      return List.of(jar);
    }
    List<Path> files;
    try (Stream<Path> entries = Files.list(jar)) {
      files = entries.filter(file -> file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file))
          .sorted().toList();
    }
    if (files.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--jar " + jar + " is a directory without *.jar files");
    }
    return files;
  }

  private Module[] modules(ClassLoader loader) {
    List<Module> instances = new ArrayList<>();
    for (String name : modules) {
      try {
        Class<?> type = Class.forName(name, true, loader);
        if (!Module.class.isAssignableFrom(type)) {
          throw new CommandLine.ParameterException(spec.commandLine(), name + " is not a Guice Module");
        }
        instances.add((Module) type.getDeclaredConstructor().newInstance());
      } catch (ClassNotFoundException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--module " + name + " is not on the class path"
            + (jars.isEmpty() ? " (add its jar with --jar)" : ""));
      } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--module " + name + " needs a public no-argument constructor");
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("--module " + name + " failed to construct: " + e.getCause(), e.getCause());
      }
    }
    return instances.toArray(Module[]::new);
  }

  /** The {@code --module} classes, loaded with the {@code --jar} files as {@link #call} loads them (for keys). */
  Module[] loadModules() throws IOException {
    ClassLoader loader = classLoader();
    Thread.currentThread().setContextClassLoader(loader);
    return modules(loader);
  }
}
