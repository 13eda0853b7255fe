package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.xmpp.packet.IQ;

/**
 * Handles IQ requests whose child element has this name and namespace, of this type (RFC 6120 §8.2.3).
 *
 * <p>Parameters are filled by type: the {@link IQ}; the sender's {@link org.xmpp.packet.JID}; the child
 * {@link org.dom4j.Element}; a payload type with a public constructor or static {@code from} method taking an
 * {@code Element}, built from the child; or anything Guice can inject, such as {@link Outbound}.
 *
 * <p>The return value is the answer: an {@link IQ} (sent as it is), an {@link org.dom4j.Element} or a
 * {@link Payload} (the child of the result), {@code void} or {@code null} (an empty result), or a
 * {@link java.util.concurrent.CompletableFuture} of one of these. Throw {@link StanzaErrorException} to answer
 * with an error; any other exception answers {@code internal-server-error}.
 *
 * <p>Each (element, namespace, type) may have one handler per component; the namespace also appears in
 * disco#info. Checked at start-up.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface IqHandler {
  /** The child element's name, such as {@code query}. */
  String element();

  /** The child element's namespace, such as {@code jabber:iq:version}. */
  String namespace();

  /** {@link IQ.Type#get} or {@link IQ.Type#set}. */
  IQ.Type type() default IQ.Type.get;
}
