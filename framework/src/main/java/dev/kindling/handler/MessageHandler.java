package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.xmpp.packet.Message;

/**
 * Handles messages of the given types, optionally only those carrying a child element in {@link #namespace()}
 * or whose body matches {@link #body()}.
 *
 * <p>When several handlers take a message's type, the one naming the message's child namespace wins, then the
 * first whose body pattern matches, then the one with neither. Parameters are filled as for {@link IqHandler}
 * (the {@code Element} is the child in {@code namespace}); the return value, a {@link Message} or other
 * {@link org.xmpp.packet.Packet} (or a future of one), is sent, and {@code void} or {@code null} sends nothing.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MessageHandler {
  /** The message types handled; {@code normal} and {@code chat} by default. */
  Message.Type[] type() default {Message.Type.normal, Message.Type.chat};

  /** Only messages with a child element in this namespace; empty for any. */
  String namespace() default "";

  /** Only messages whose whole body matches this regular expression; empty for any. */
  String body() default "";
}
