package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A private message (XEP-0045 §7.5) from an occupant of one of the bot's rooms, not a command. Parameters:
 * {@link Room}, {@link Occupant}, {@link GroupMessage} (marked {@link GroupMessage#privately()}), {@code String}
 * (the body). A {@code String} returned is answered privately.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnPrivateMessage {}
