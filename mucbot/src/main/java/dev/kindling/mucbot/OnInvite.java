package dev.kindling.mucbot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An invitation to a room, mediated by the room (XEP-0045 §7.8.2) or direct (XEP-0249). Parameter:
 * {@link Invitation}. Returning {@code boolean} decides (true: join, false: decline); a {@code void} method only
 * hears it and the policy {@code bot.<name>.invitations} decides.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnInvite {}
