package dev.kindling.command;

import dev.kindling.form.Form;
import java.util.Objects;
import org.xmpp.forms.DataForm;

/**
 * What a command shows next: a form to fill, with the stages that take it further ({@code next} and/or
 * {@code complete}), or the end of the command with a note and optionally a result form. Immutable.
 *
 * <pre>{@code
 * CommandStep.form(CITY_FORM).onNext(this::confirm)      // more to come: Next
 * CommandStep.form(CONFIRM_FORM).onComplete(this::save)   // last form: Finish
 * CommandStep.completed("Registered Paris.")              // done
 * }</pre>
 *
 * <p>{@code prev} needs nothing here: Kindling goes back to the previous form of the session by itself.
 */
public final class CommandStep {
  private final Form form;
  private final Stage next;
  private final Stage complete;
  private final String note;
  private final DataForm result;

  private CommandStep(Form form, Stage next, Stage complete, String note, DataForm result) {
    this.form = form;
    this.next = next;
    this.complete = complete;
    this.note = note;
    this.result = result;
  }

  /** Shows {@code form}; say with {@link #onNext} and/or {@link #onComplete} what handles it. */
  public static CommandStep form(Form form) {
    return new CommandStep(Objects.requireNonNull(form, "form"), null, null, null, null);
  }

  /** Ends the command with an informational note. */
  public static CommandStep completed(String note) {
    return new CommandStep(null, null, null, Objects.requireNonNull(note, "note"), null);
  }

  /** Ends the command with a note and a result form ({@code type='result'}). */
  public static CommandStep completed(String note, DataForm result) {
    return new CommandStep(null, null, null, note, Objects.requireNonNull(result, "result"));
  }

  /** This step, whose form the {@code next} action submits to {@code stage}. */
  public CommandStep onNext(Stage stage) {
    requireForm();
    return new CommandStep(form, Objects.requireNonNull(stage, "stage"), complete, note, null);
  }

  /** This step, whose form the {@code complete} action submits to {@code stage}. */
  public CommandStep onComplete(Stage stage) {
    requireForm();
    return new CommandStep(form, next, Objects.requireNonNull(stage, "stage"), note, null);
  }

  /** This step with a note shown above its form. */
  public CommandStep withNote(String text) {
    return new CommandStep(form, next, complete, text, result);
  }

  /** Whether the command ends here. */
  public boolean isCompleted() {
    return form == null;
  }

  Form form() {
    return form;
  }

  Stage next() {
    return next;
  }

  Stage complete() {
    return complete;
  }

  String note() {
    return note;
  }

  DataForm result() {
    return result;
  }

  /** The action {@code execute} means here: next if there is a next stage, else complete. */
  String defaultAction() {
    return next != null ? "next" : "complete";
  }

  private void requireForm() {
    if (form == null) {
      throw new IllegalStateException("a completed step has no form to submit");
    }
  }
}
