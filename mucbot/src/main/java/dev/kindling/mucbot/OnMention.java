package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A message in a room, not a command, that names the bot by its current nick as a word ({@code helper: hi},
 * {@code thanks Helper}), compared case-insensitively. Parameters and answer as {@link OnGroupMessage}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnMention {}
