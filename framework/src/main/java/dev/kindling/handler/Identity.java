package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A XEP-0030 identity of the component, reported in disco#info. Put it on any of the component's handler
 * classes; a component needs at least one (checked at start-up). Categories and types are those of the XMPP
 * registrar, such as {@code component/generic}, {@code pubsub/service}, {@code proxy/bytestreams}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Repeatable(Identities.class)
public @interface Identity {
  /** The category, such as {@code component}. */
  String category();

  /** The type within the category, such as {@code generic}. */
  String type();

  /** A human-readable name. */
  String name() default "";
}
