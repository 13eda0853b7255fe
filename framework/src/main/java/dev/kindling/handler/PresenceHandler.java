package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Handles presence stanzas of the given types (RFC 6121 §4 and §3). Parameters and return value as for
 * {@link MessageHandler}. Each type may have one handler per component.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface PresenceHandler {
  /** The presence types handled. */
  Type[] value() default {Type.AVAILABLE, Type.UNAVAILABLE};

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
