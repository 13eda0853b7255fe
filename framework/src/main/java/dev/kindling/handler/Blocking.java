package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler that blocks (file or database I/O, a lock, a synchronous call elsewhere): it runs on the
 * larger blocking pool instead of the small pool sized to the CPU, still in order for each sender. A handler
 * not marked so must be quick: it may run on the connection's reader thread itself when nothing else is
 * waiting, and waiting there for an {@link Outbound#request} answer throws {@link IllegalStateException}. A
 * handler that waits for another entity should rather return the {@link Outbound#request} future.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Blocking {}
