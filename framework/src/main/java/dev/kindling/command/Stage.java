package dev.kindling.command;

/** A stage of a command: handles a submitted form and returns what to show next. */
@FunctionalInterface
public interface Stage {
  /**
   * Handles the submission.
   *
   * @throws dev.kindling.handler.StanzaErrorException to end the command (and its session) with a stanza error
   */
  CommandStep handle(CommandRequest request);
}
