package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Features to report in disco#info besides the namespaces the component's handlers take, which are reported
 * without being named here: only for what no handler shows, such as a sub-feature ({@code
 * http://jabber.org/protocol/pubsub#publish}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Feature {
  /** The feature vars. */
  String[] value();
}
