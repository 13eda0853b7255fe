package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a group-chat bot: one identity ({@code <name>@<component domain>}) that joins the rooms
 * {@code bot.<name>.rooms} lists, under {@link #nick()}, and whose {@link OnCommand}, {@link OnGroupMessage},
 * {@link OnMention}, {@link OnPrivateMessage}, {@link OnJoin}, {@link OnLeave}, {@link OnSubject} and
 * {@link OnInvite} methods Kindling calls, one room's events at a time and in order.
 *
 * <pre>{@code
 * @RoomBot(nick = "helper")
 * public final class Helper {
 *   @OnCommand(value = "hello", description = "says hello")
 *   String hello(Occupant from) { return "Hello, " + from.nick() + "!"; }
 * }
 * // module: MucBots.bind(binder(), "bots", Helper.class);
 * }</pre>
 *
 * <p>The class is created by its component with Guice (constructor injection), once per component.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RoomBot {
  /** The nick it asks for in its rooms ({@code bot.<name>.nick} overrides it). */
  String nick();

  /**
   * The bot's name: its JID's local part and the {@code <name>} of its {@code bot.<name>.*} keys; lower-case
   * letters, digits and {@code -}. Empty: the nick, lower-cased, with anything else as {@code -}.
   */
  String name() default "";

  /** What starts a command in a message ({@code bot.<name>.prefix} overrides it). */
  String prefix() default "!";

  /**
   * Whether the history a room replays on join (delayed messages, XEP-0203, and the subject it had) reaches
   * {@link OnGroupMessage}, {@link OnMention} and {@link OnSubject} methods, marked {@link GroupMessage#delayed()}.
   * Commands in the history never run.
   */
  boolean replayHistory() default false;
}
