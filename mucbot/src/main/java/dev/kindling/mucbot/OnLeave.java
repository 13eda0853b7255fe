package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An occupant left a room the bot is in: by itself, kicked (307), banned (301) or removed (321, 322, 332); a nick
 * change (303) is not a leave. Parameters: {@link Room}, {@link Occupant} (as it was), {@link Departure}. A
 * {@code String} returned is said in the room.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnLeave {}
