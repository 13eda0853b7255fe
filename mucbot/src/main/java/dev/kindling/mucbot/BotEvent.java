package dev.kindling.mucbot;

import java.util.List;
import java.util.regex.MatchResult;

/**
 * What one call of a bot method is about: the values its parameters are filled from. Fields an event does not
 * have are {@code null}.
 */
record BotEvent(Room room, Occupant occupant, GroupMessage message, String text, MatchResult match,
    List<String> args, Invitation invitation, Departure departure) {

  static BotEvent message(Room room, GroupMessage message) {
    return new BotEvent(room, message.from(), message, message.body(), null, List.of(), null, null);
  }

  BotEvent withMatch(MatchResult found) {
    return new BotEvent(room, occupant, message, text, found, args, invitation, departure);
  }

  BotEvent withArgs(List<String> words) {
    return new BotEvent(room, occupant, message, text, match, words, invitation, departure);
  }

  static BotEvent occupant(Room room, Occupant occupant, Departure departure) {
    return new BotEvent(room, occupant, null, null, null, List.of(), null, departure);
  }

  static BotEvent subject(Room room, Occupant by, String subject) {
    return new BotEvent(room, by, null, subject, null, List.of(), null, null);
  }

  static BotEvent invitation(Invitation invitation) {
    return new BotEvent(null, null, null, invitation.reason(), null, List.of(), invitation, null);
  }
}
