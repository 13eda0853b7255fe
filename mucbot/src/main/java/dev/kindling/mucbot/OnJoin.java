package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An occupant entered a room the bot is in (not those already there when it joined, nor the bot itself).
 * Parameters: {@link Room}, {@link Occupant}. A {@code String} returned is said in the room.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnJoin {}
