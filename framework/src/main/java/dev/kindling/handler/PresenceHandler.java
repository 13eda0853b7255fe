package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles presence stanzas of the given types (RFC 6121 §4 and §3), optionally only those carrying a child
 * element in {@link #namespace()}, such as MUC's {@code http://jabber.org/protocol/muc#user} (XEP-0045 §7.2).
 * Parameters and return value as for {@link MessageHandler}; with a namespace, an {@link org.dom4j.Element}
 * parameter receives that child. For a presence, a handler naming its child's namespace wins over one naming
 * none. Each (type, namespace) may have one handler per address.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PresenceHandler {
  /** The presence types handled. */
  Type[] value() default {Type.AVAILABLE, Type.UNAVAILABLE};

  /** Only presences with a child element in this namespace; empty for any. */
  String namespace() default "";

  /**
   * A presence type. Tinder's {@link org.xmpp.packet.Presence.Type} has no value for available presence (the
   * absent {@code type} attribute), which handlers need to name.
   */
  enum Type {
    /** No {@code type} attribute: the sender is available. */
    AVAILABLE,
    /** {@code unavailable}. */
    UNAVAILABLE,
    /** {@code subscribe}. */
    SUBSCRIBE,
    /** {@code subscribed}. */
    SUBSCRIBED,
    /** {@code unsubscribe}. */
    UNSUBSCRIBE,
    /** {@code unsubscribed}. */
    UNSUBSCRIBED,
    /** {@code probe}. */
    PROBE,
    /** {@code error}. */
    ERROR;

    /** The type of a presence's {@code type} attribute value, {@code null} meaning available. */
    public static Type of(org.xmpp.packet.Presence.Type type) {
      return type == null ? AVAILABLE : valueOf(type.name().toUpperCase(java.util.Locale.ROOT));
    }
  }
}
