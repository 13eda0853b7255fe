package dev.kindling.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.lang.model.SourceVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kindling new NAME}: writes a Maven project for a component {@code NAME} that builds and passes its tests
 * as written: a pom importing {@code kindling-bom}, the component class (a chat echo and an IQ query), its Guice
 * module, a {@code ComponentTester} unit test, an {@code @XmppServerTest} integration test, a configuration file
 * for {@code kindling run} and a README. The templates are the resources {@code dev/kindling/cli/new/*.tmpl}.
 */
@Command(name = "new", description = "Write a ready Maven project for a new component NAME (pom, component, "
    + "module, unit test, integration test, configuration for 'kindling run', README).")
final class NewCommand implements Callable<Integer> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  @Parameters(paramLabel = "NAME", description = "The component's name, a lower-case DNS label such as weather: it"
      + " serves NAME.<server-domain>.")
  private String name;

  @Option(names = "--package", paramLabel = "PKG", description = "The Java package (default com.example.<NAME>"
      + " without dashes).")
  private String packageName;

  @Option(names = "--dir", paramLabel = "DIR", description = "Where to write the project (default ./NAME); it must"
      + " not exist or be empty.")
  private Path dir;

  @Mixin
  private HelpOption help;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (!NAME.matcher(name).matches() || name.endsWith("-")) {
      throw usage("NAME '" + name + "' is not a lower-case DNS label (letters, digits and inner '-', starting"
          + " with a letter)");
    }
    String pkg = packageName != null ? packageName : "com.example." + name.replace("-", "");
    if (!SourceVersion.isName(pkg)) {
      throw usage("--package '" + pkg + "' is not a Java package name");
    }
    Path target = dir != null ? dir : Path.of(name);
    if (Files.exists(target) && !isEmptyDirectory(target)) {
      throw usage("--dir " + target + " exists and is not an empty directory");
    }
    Map<String, String> values = Map.of("name", name, "Name", className(name), "package", pkg,
        "packagePath", pkg.replace('.', '/'), "kindlingVersion", kindlingVersion());
    for (Map.Entry<String, String> file : files(values).entrySet()) {
      Path path = target.resolve(file.getValue());
      Files.createDirectories(path.getParent());
      Files.writeString(path, expand(file.getKey(), values), StandardCharsets.UTF_8);
    }
    spec.commandLine().getOut().printf("kindling: wrote the project %s in %s; try: cd %s && mvn verify%n",
        name, target, target);
    return 0;
  }

  /** Each template and where it goes in the project. */
  private static Map<String, String> files(Map<String, String> values) {
    String main = "src/main/java/" + values.get("packagePath") + "/";
    String test = "src/test/java/" + values.get("packagePath") + "/";
    String type = values.get("Name");
    Map<String, String> files = new LinkedHashMap<>();
    files.put("pom.xml", "pom.xml");
    files.put("README.md", "README.md");
    files.put("gitignore", ".gitignore");
    files.put("component.properties", values.get("name") + ".properties");
    files.put("Component.java", main + type + ".java");
    files.put("Module.java", main + type + "Module.java");
    files.put("ComponentTest.java", test + type + "Test.java");
    files.put("ComponentIT.java", test + type + "IT.java");
    files.put("junit-platform.properties", "src/test/resources/junit-platform.properties");
    return files;
  }

  /** {@code weather} → {@code Weather}, {@code my-bot} → {@code MyBot}. */
  static String className(String name) {
    StringBuilder type = new StringBuilder();
    for (String part : name.split("-")) {
      if (!part.isEmpty()) {
        type.append(part.substring(0, 1).toUpperCase(Locale.ROOT)).append(part.substring(1));
      }
    }
    return type.toString();
  }

  private static String expand(String template, Map<String, String> values) {
    String text;
    try (InputStream in = NewCommand.class.getResourceAsStream("new/" + template + ".tmpl")) {
      if (in == null) {
        throw new IllegalStateException("template " + template + " is missing from the kindling jar");
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + template, e);
    }
    Matcher placeholder = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String value = values.get(placeholder.group(1));
      if (value == null) {
        throw new IllegalStateException("template " + template + " uses an unknown {{" + placeholder.group(1)
            + "}}");
      }
      placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return placeholder.appendTail(out).toString();
  }

  /** The version of Kindling this command belongs to, which the new project's pom asks for. */
  private static String kindlingVersion() throws IOException {
    Properties version = new Properties();
    try (InputStream in = NewCommand.class.getResourceAsStream("kindling-version.properties")) {
      if (in == null) {
        throw new IllegalStateException("kindling-version.properties is missing from the kindling jar");
      }
      version.load(in);
    }
    return version.getProperty("version");
  }

  private static boolean isEmptyDirectory(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(path)) {
      return entries.findAny().isEmpty();
    }
  }

  private CommandLine.ParameterException usage(String message) {
    return new CommandLine.ParameterException(spec.commandLine(), message);
  }
}
