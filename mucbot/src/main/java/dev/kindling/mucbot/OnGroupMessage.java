package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A message in a room that is not a command, whose body matches {@link #pattern()} (all of it, as
 * {@link java.util.regex.Matcher#matches()}). Parameters: {@link Room}, {@link Occupant}, {@link GroupMessage},
 * {@code String} (the body), {@link java.util.regex.MatchResult}. A {@code String} returned is said in the room,
 * within the rate limits. Never called for the bot's own messages, nor for the replayed history unless
 * {@link RoomBot#replayHistory()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnGroupMessage {
  /** A regular expression the whole body must match; by default any body. */
  String pattern() default "(?s).*";
}
