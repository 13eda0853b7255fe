package dev.kindling.cli.fixturelib;

/** Stands for a component's own dependency: RunCommandIT ships it in a jar apart from the component's. */
public final class Greetings {
  private Greetings() {}

  /** The greeting for {@code name}. */
  public static String greet(String name) {
    return "Hello, " + name;
  }
}
