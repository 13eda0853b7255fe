package dev.kindling.form;

import java.util.List;

/** A submitted form failed its fields' checks; {@link #problems()} says how, one sentence a field. */
public class FormValidationException extends Exception {
  private final List<String> problems;

  /** Creates the exception with the problems found. */
  public FormValidationException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, such as {@code City is required}. */
  public List<String> problems() {
    return problems;
  }
}
