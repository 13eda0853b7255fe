package dev.kindling.mucbot;

import dev.kindling.handler.Blocking;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.MatchResult;

/**
 * One annotated method of a bot, with how each of its parameters is filled from a {@link BotEvent}: read once at
 * start, so that a wrong parameter is a start-up problem naming the method, not a failure in a room.
 */
final class BotMethod {
  /** What kind of event a method hears, which decides the parameters it may take. */
  enum Kind {
    COMMAND(Set.of(Room.class, Occupant.class, GroupMessage.class)),
    MESSAGE(Set.of(Room.class, Occupant.class, GroupMessage.class, String.class, MatchResult.class)),
    JOIN(Set.of(Room.class, Occupant.class)),
    LEAVE(Set.of(Room.class, Occupant.class, Departure.class)),
    SUBJECT(Set.of(Room.class, Occupant.class, String.class)),
    INVITE(Set.of(Invitation.class));

    private final Set<Class<?>> parameters;

    Kind(Set<Class<?>> parameters) {
      this.parameters = parameters;
    }
  }

  /** A command's arguments did not fit its parameters; the message is the usage to answer with. */
  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message, null, false, false);
    }
  }

  private final Object bot;
  private final Method method;
  private final List<Function<BotEvent, Object>> fillers;
  private final boolean blocking;

  private BotMethod(Object bot, Method method, List<Function<BotEvent, Object>> fillers) {
    this.bot = bot;
    this.method = method;
    this.fillers = fillers;
    this.blocking = method.isAnnotationPresent(Blocking.class);
  }

  /** Whether the method is marked {@link Blocking}: it runs on the bots' pool, not on the connection's reader. */
  boolean blocking() {
    return blocking;
  }

  /**
   * Reads {@code method} of {@code bot} as a method of {@code kind}, adding to {@code problems} what is wrong.
   *
   * @param usage the usage text a command answers when its arguments do not fit
   * @return the method, or {@code null} after a problem
   */
  static BotMethod of(Object bot, Method method, Kind kind, String usage, List<String> problems) {
    String where = bot.getClass().getSimpleName() + "." + method.getName();
    Class<?> returned = method.getReturnType();
    boolean answerOk = kind == Kind.INVITE
        ? returned == void.class || returned == boolean.class || returned == Boolean.class
        : returned == void.class || returned == String.class;
    if (!answerOk) {
      problems.add(where + " returns " + returned.getSimpleName() + "; it may return "
          + (kind == Kind.INVITE ? "void or boolean (accept)" : "void or String (the answer)"));
    }
    Parameter[] parameters = method.getParameters();
    int lastString = -1;
    for (int i = 0; i < parameters.length; i++) {
      if (kind == Kind.COMMAND && parameters[i].getType() == String.class) {
        lastString = i;
      }
    }
    List<Function<BotEvent, Object>> fillers = new ArrayList<>();
    int position = 0;
    for (int i = 0; i < parameters.length; i++) {
      Class<?> type = parameters[i].getType();
      if (kind == Kind.COMMAND && isArgument(parameters[i])) {
        fillers.add(argument(parameters[i], position++, i == lastString, usage));
      } else if (kind.parameters.contains(type)) {
        fillers.add(filler(type));
      } else {
        problems.add(where + ": parameter " + (i + 1) + " (" + type.getSimpleName() + ") is none this method can be"
            + " given: " + kind.parameters.stream().map(Class::getSimpleName).sorted().toList()
            + (kind == Kind.COMMAND ? " or arguments (String, int, long, Optional<String>)" : ""));
        return null;
      }
    }
    method.setAccessible(true);
    return answerOk ? new BotMethod(bot, method, List.copyOf(fillers)) : null;
  }

  /** Calls the method for {@code event}; its answer is returned (a String, a Boolean, or null). */
  Object call(BotEvent event) throws Exception {
    Object[] values = new Object[fillers.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = fillers.get(i).apply(event);
    }
    try {
      return method.invoke(bot, values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  /** The method as a person reads it: {@code Helper.roll}. */
  String describe() {
    return bot.getClass().getSimpleName() + "." + method.getName();
  }

  private static boolean isArgument(Parameter parameter) {
    Class<?> type = parameter.getType();
    return type == String.class || type == int.class || type == long.class || type == Integer.class
        || type == Long.class || (type == Optional.class && parameter.getParameterizedType() instanceof ParameterizedType
        generic && generic.getActualTypeArguments()[0] == String.class);
  }

  private static Function<BotEvent, Object> argument(Parameter parameter, int position, boolean rest, String usage) {
    Class<?> type = parameter.getType();
    return event -> {
      List<String> args = event.args();
      if (type == Optional.class) {
        return position < args.size() ? Optional.of(args.get(position)) : Optional.empty();
      }
      if (position >= args.size()) {
        throw new UsageException(usage);
      }
      if (type == String.class) {
        return rest ? String.join(" ", args.subList(position, args.size())) : args.get(position);
      }
      try {
        if (type == int.class || type == Integer.class) {
          return Integer.valueOf(args.get(position));
        }
        return Long.valueOf(args.get(position));
      } catch (NumberFormatException e) {
        throw new UsageException(usage);
      }
    };
  }

  private static Function<BotEvent, Object> filler(Class<?> type) {
    if (type == Room.class) {
      return BotEvent::room;
    } else if (type == Occupant.class) {
      return BotEvent::occupant;
    } else if (type == GroupMessage.class) {
      return BotEvent::message;
    } else if (type == String.class) {
      return BotEvent::text;
    } else if (type == MatchResult.class) {
      return BotEvent::match;
    } else if (type == Departure.class) {
      return BotEvent::departure;
    }
    return BotEvent::invitation;
  }
}
