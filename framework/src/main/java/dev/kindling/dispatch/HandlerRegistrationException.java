package dev.kindling.dispatch;

import java.util.List;

/**
 * Thrown at start-up, before any connection opens, when handler classes are wrong: lists every problem found,
 * each naming the class and method, so they can all be fixed at once.
 */
public class HandlerRegistrationException extends RuntimeException {
  private final List<String> problems;

  /** Creates the exception for {@code component} with its problems. */
  public HandlerRegistrationException(String component, List<String> problems) {
    super(problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " with the handlers of " + component
        + ":\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, one sentence naming the class and method. */
  public List<String> problems() {
    return problems;
  }
}
