package dev.kindling.mucbot;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A bot class read once: its {@link RoomBot} settings and its methods by the event they hear. Problems (a bad
 * name, two commands of one name, a parameter nothing supplies) are collected, each naming the method.
 */
final class BotType {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Pattern COMMAND = Pattern.compile("[\\p{L}\\p{N}_-]+");

  /** A command: its method and how {@code !help} shows it. */
  record CommandMethod(String name, String args, String description, BotMethod method) {
    String usage(String prefix) {
      return prefix + name + (args.isEmpty() ? "" : " " + args);
    }
  }

  /** A message method with the pattern the body must match. */
  record PatternMethod(Pattern pattern, BotMethod method) {}

  final String name;
  final String nick;
  final String prefix;
  final boolean replayHistory;
  final Map<String, CommandMethod> commands = new LinkedHashMap<>();
  final List<PatternMethod> groupMessages = new ArrayList<>();
  final List<BotMethod> mentions = new ArrayList<>();
  final List<BotMethod> privateMessages = new ArrayList<>();
  final List<BotMethod> joins = new ArrayList<>();
  final List<BotMethod> leaves = new ArrayList<>();
  final List<BotMethod> subjects = new ArrayList<>();
  final List<BotMethod> invites = new ArrayList<>();

  private BotType(RoomBot bot) {
    this.name = bot.name().isEmpty() ? nameOf(bot.nick()) : bot.name();
    this.nick = bot.nick();
    this.prefix = bot.prefix();
    this.replayHistory = bot.replayHistory();
  }

  /** The bot's name derived from a nick: lower-cased, anything but letters and digits as {@code -}. */
  static String nameOf(String nick) {
    String name = nick.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    return name.isEmpty() ? "bot" : name;
  }

  /** Reads the bot {@code instance}, adding its problems to {@code problems}. */
  static BotType of(Object instance, List<String> problems) {
    Class<?> type = instance.getClass();
    RoomBot annotation = type.getAnnotation(RoomBot.class);
    BotType bot = new BotType(annotation);
    String where = type.getSimpleName();
    if (!NAME.matcher(bot.name).matches()) {
      problems.add(where + ": bot name '" + bot.name + "' must be lower-case letters, digits and '-'");
    }
    if (bot.nick.isBlank() || bot.prefix.isBlank()) {
      problems.add(where + ": @RoomBot needs a nick and a prefix that are not blank");
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (!Modifier.isStatic(method.getModifiers()) && !method.isSynthetic()) {
          bot.read(instance, method, problems);
        }
      }
    }
    return bot;
  }

  private void read(Object instance, Method method, List<String> problems) {
    String where = instance.getClass().getSimpleName() + "." + method.getName();
    OnCommand command = method.getAnnotation(OnCommand.class);
    if (command != null) {
      if (!COMMAND.matcher(command.value()).matches()) {
        problems.add(where + ": command name '" + command.value() + "' must be letters, digits, '-' and '_'");
      }
      String key = command.value().toLowerCase(Locale.ROOT);
      String usage = "usage: " + prefix + command.value() + (command.args().isEmpty() ? "" : " " + command.args());
      BotMethod read = BotMethod.of(instance, method, BotMethod.Kind.COMMAND, usage, problems);
      if (commands.containsKey(key)) {
        problems.add(where + ": command '" + command.value() + "' is also " + commands.get(key).method().describe());
      } else if (read != null) {
        commands.put(key, new CommandMethod(command.value(), command.args(), command.description(), read));
      }
    }
    OnGroupMessage group = method.getAnnotation(OnGroupMessage.class);
    if (group != null) {
      try {
        Pattern pattern = Pattern.compile(group.pattern());
        add(groupMessages, BotMethod.of(instance, method, BotMethod.Kind.MESSAGE, "", problems),
            found -> new PatternMethod(pattern, found));
      } catch (PatternSyntaxException e) {
        problems.add(where + ": pattern is not a regular expression: " + e.getDescription());
      }
    }
    addIf(method, OnMention.class, BotMethod.Kind.MESSAGE, mentions, instance, problems);
    addIf(method, OnPrivateMessage.class, BotMethod.Kind.MESSAGE, privateMessages, instance, problems);
    addIf(method, OnJoin.class, BotMethod.Kind.JOIN, joins, instance, problems);
    addIf(method, OnLeave.class, BotMethod.Kind.LEAVE, leaves, instance, problems);
    addIf(method, OnSubject.class, BotMethod.Kind.SUBJECT, subjects, instance, problems);
    addIf(method, OnInvite.class, BotMethod.Kind.INVITE, invites, instance, problems);
  }

  private static void addIf(Method method, Class<? extends java.lang.annotation.Annotation> annotation,
      BotMethod.Kind kind, List<BotMethod> into, Object instance, List<String> problems) {
    if (method.isAnnotationPresent(annotation)) {
      add(into, BotMethod.of(instance, method, kind, "", problems), found -> found);
    }
  }

  private static <T> void add(List<T> into, BotMethod method, java.util.function.Function<BotMethod, T> wrap) {
    if (method != null) {
      into.add(wrap.apply(method));
    }
  }
}
