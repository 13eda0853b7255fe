package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link org.xmpp.packet.JID} handler parameter that receives the stanza's addressee (its {@code to}),
 * where an unmarked {@code JID} parameter receives the sender: which of the component's addresses a stanza was
 * sent to, such as the bot {@code helper@bots.example.org/Helper} a room wrote to.
 *
 * <pre>{@code
 * @MessageHandler(type = Message.Type.groupchat)
 * void said(Message in, JID room, @To JID bot) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface To {}
