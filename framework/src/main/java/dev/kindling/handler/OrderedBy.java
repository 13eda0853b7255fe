package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Chooses what a handler's stanzas are ordered by. By default each sender's stanzas (by full JID) run one at a
 * time in arrival order; with {@link OrderKey#BARE_SENDER} all stanzas from one bare JID do, such as every
 * occupant's presence and message of one MUC room ({@code room@conference.example.org/nick}), so a room is
 * handled in order. Stanzas of handlers with the same key share one queue, whatever the handler.
 *
 * <p>On a class, for all its handlers; on a method, for that handler, overriding the class's.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OrderedBy {
  /** What orders the stanzas. */
  OrderKey value();
}
