package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command: a message in the room or a private message that starts with the bot's prefix and this name
 * ({@code !roll 2d6}). Its words after the name fill the method's {@code String}, {@code int}, {@code long} and
 * {@code Optional<String>} parameters in order, the last {@code String} taking the rest of the line; a missing or
 * malformed one answers the usage ({@code usage: !roll <dice>}). Other parameters: {@link Room},
 * {@link Occupant} (who asked), {@link GroupMessage}. A {@code String} returned is the answer, in the room or
 * privately, where the command came from; an {@link IllegalArgumentException}'s message is answered too.
 *
 * <p>{@code !help} is generated from the commands, their {@link #args()} and {@link #description()} (unless the
 * bot has a {@code help} command of its own). Each occupant's commands are rate-limited
 * ({@code mucbot.occupant-limit}) and so are a room's ({@code mucbot.room-limit}): beyond, they are dropped.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnCommand {
  /** The command's name, without the prefix: letters, digits, {@code -} and {@code _}. */
  String value();

  /** What follows the name, as {@code !help} shows it: {@code <dice>}, {@code <nick>}, {@code [node]}. */
  String args() default "";

  /** What it does, in a few words, for {@code !help}. */
  String description() default "";
}
