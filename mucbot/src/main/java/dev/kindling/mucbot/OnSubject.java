package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A room's subject changed (XEP-0045 §8.1); the subject it had when the bot joined only with
 * {@link RoomBot#replayHistory()}. Parameters: {@link Room}, {@code String} (the subject, empty when cleared),
 * {@link Occupant} (who changed it; {@code null} when the room did).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnSubject {}
