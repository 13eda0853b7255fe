package dev.kindling.mucbot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls one bot's methods for what happens in its rooms: a command (or {@code !help}), a mention, a message
 * matching a pattern, a private message, an occupant joining or leaving, a new subject. Answers go through the
 * rate limits ({@code mucbot.occupant-limit}, {@code mucbot.room-limit}): beyond them the bot stays silent, which
 * also ends any loop of bots answering each other.
 */
final class BotReactions {
  private static final Logger log = LoggerFactory.getLogger(BotReactions.class);
  private static final Pattern WORDS = Pattern.compile("\\s+");

  private final MucBotEngine engine;
  private final Bot bot;

  BotReactions(MucBotEngine engine, Bot bot) {
    this.engine = engine;
    this.bot = bot;
  }

  /**
   * A message in the room or a private one: a command, or the methods that hear it, called in the room's lane
   * (at once, or after the room's blocking calls).
   */
  void message(RoomSession room, GroupMessage message) {
    String body = message.body().strip();
    String prefix = bot.settings().prefix();
    if (!message.delayed() && body.startsWith(prefix) && body.length() > prefix.length()) {
      List<String> words = List.of(WORDS.split(body.substring(prefix.length()).strip()));
      String name = words.get(0).toLowerCase(Locale.ROOT);
      BotType.CommandMethod command = bot.type().commands.get(name);
      if (command != null || name.equals("help")) {
        if (engine.allowAnswer(bot, room, message.from())) {
          List<String> args = words.subList(1, words.size());
          room.lane().run(() -> send(room, message, command == null ? help(args)
                  : answerOf(command.method(), BotEvent.message(room, message).withArgs(args), prefix + command.name())),
              command != null && command.method().blocking());
        }
        return;
      }
    }
    List<BotMethod> methods = new ArrayList<>();
    List<BotEvent> events = new ArrayList<>();
    if (message.privately()) {
      bot.type().privateMessages.forEach(method -> add(methods, events, method, BotEvent.message(room, message)));
    } else {
      if (!bot.type().mentions.isEmpty() && mentions(body, room.nick())) {
        bot.type().mentions.forEach(method -> add(methods, events, method, BotEvent.message(room, message)));
      }
      for (BotType.PatternMethod method : bot.type().groupMessages) {
        Matcher matcher = method.pattern().matcher(message.body());
        if (matcher.matches()) {
          add(methods, events, method.method(), BotEvent.message(room, message).withMatch(matcher.toMatchResult()));
        }
      }
    }
    if (!methods.isEmpty()) {
      room.lane().run(() -> {
        for (int i = 0; i < methods.size(); i++) {
          answer(room, message, methods.get(i), events.get(i));
        }
      }, methods.stream().anyMatch(BotMethod::blocking));
    }
  }

  private static void add(List<BotMethod> methods, List<BotEvent> events, BotMethod method, BotEvent event) {
    methods.add(method);
    events.add(event);
  }

  /** An occupant entered. */
  void joined(RoomSession room, Occupant occupant) {
    each(room, occupant, bot.type().joins, BotEvent.occupant(room, occupant, null));
  }

  /** An occupant left. */
  void left(RoomSession room, Occupant occupant, Departure departure) {
    each(room, occupant, bot.type().leaves, BotEvent.occupant(room, occupant, departure));
  }

  /** The subject changed. */
  void subject(RoomSession room, Occupant by, String subject) {
    each(room, by, bot.type().subjects, BotEvent.subject(room, by, subject));
  }

  /** Calls {@code methods} for {@code event} in the room's lane, saying what they return (within the limits). */
  private void each(RoomSession room, Occupant about, List<BotMethod> methods, BotEvent event) {
    if (!methods.isEmpty()) {
      room.lane().run(() -> methods.forEach(method -> sayLimited(room, about, call(method, event))),
          methods.stream().anyMatch(BotMethod::blocking));
    }
  }

  /**
   * What the bot's {@link OnInvite} methods say of {@code invitation}: the first {@code boolean} answer, or
   * {@code null} when none decides.
   */
  Boolean decide(Invitation invitation) {
    Boolean decision = null;
    for (BotMethod method : bot.type().invites) {
      try {
        Object answer = method.call(BotEvent.invitation(invitation));
        if (decision == null && answer instanceof Boolean accept) {
          decision = accept;
        }
      } catch (Exception e) {
        log.warn("bot {}: {} failed on an invitation to {}", bot.name(), method.describe(), invitation.room(), e);
      }
    }
    return decision;
  }

  /** The bot's {@code !help}: every command (by name) with its arguments and description, or one command's usage. */
  String help(List<String> args) {
    String prefix = bot.settings().prefix();
    if (!args.isEmpty()) {
      String name = args.get(0).toLowerCase(Locale.ROOT);
      name = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
      BotType.CommandMethod command = bot.type().commands.get(name);
      return command == null ? "no command " + prefix + name + "; " + prefix + "help lists them"
          : command.usage(prefix) + (command.description().isEmpty() ? "" : " — " + command.description());
    }
    StringJoiner lines = new StringJoiner("\n", "Commands:\n", "");
    if (!bot.type().commands.containsKey("help")) {
      lines.add(prefix + "help [command] — lists the commands, or tells what one does");
    }
    bot.type().commands.values().stream().sorted(java.util.Comparator.comparing(BotType.CommandMethod::name))
        .forEach(command -> lines.add(command.usage(prefix)
        + (command.description().isEmpty() ? "" : " — " + command.description())));
    return lines.toString();
  }

  private void answer(RoomSession room, GroupMessage message, BotMethod method, BotEvent event) {
    String answer = call(method, event);
    if (answer != null && engine.allowAnswer(bot, room, message.from())) {
      send(room, message, answer);
    }
  }

  private void sayLimited(RoomSession room, Occupant about, String answer) {
    if (answer != null && engine.allowAnswer(bot, room, about)) {
      room.say(answer);
    }
  }

  private static void send(RoomSession room, GroupMessage to, String answer) {
    if (answer == null || answer.isEmpty()) {
      return;
    }
    if (to.privately()) {
      room.sayPrivately(to.from().nick(), answer);
    } else {
      room.say(answer);
    }
  }

  /** A command's answer: what it returns, its usage when the arguments do not fit, or what went wrong. */
  private String answerOf(BotMethod method, BotEvent event, String command) {
    try {
      Object answer = method.call(event);
      return answer == null ? null : answer.toString();
    } catch (BotMethod.UsageException e) {
      return e.getMessage();
    } catch (IllegalArgumentException e) {
      return command + ": " + e.getMessage();
    } catch (Exception e) {
      log.warn("bot {}: {} failed on '{}' in {}", bot.name(), method.describe(), event.text(), event.room().jid(), e);
      return command + " failed";
    }
  }

  private String call(BotMethod method, BotEvent event) {
    try {
      Object answer = method.call(event);
      return answer == null ? null : answer.toString();
    } catch (Exception e) {
      log.warn("bot {}: {} failed in {}", bot.name(), method.describe(),
          event.room() == null ? "an invitation" : event.room().jid(), e);
      return null;
    }
  }

  /** Whether {@code body} names {@code nick} as a word, case-insensitively. */
  static boolean mentions(String body, String nick) {
    String lowerBody = body.toLowerCase(Locale.ROOT);
    String lowerNick = nick.toLowerCase(Locale.ROOT);
    for (int at = lowerBody.indexOf(lowerNick); at >= 0; at = lowerBody.indexOf(lowerNick, at + 1)) {
      int end = at + lowerNick.length();
      if ((at == 0 || !isWordChar(lowerBody.charAt(at - 1)))
          && (end == lowerBody.length() || !isWordChar(lowerBody.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
