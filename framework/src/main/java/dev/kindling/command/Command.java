package dev.kindling.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the first step of an ad-hoc command (XEP-0050): a method taking a {@link CommandRequest} and returning
 * the {@link CommandStep} to show.
 *
 * <pre>{@code
 * @Command(node = "register-city", name = "Register a city")
 * CommandStep register(CommandRequest request) {
 *   return CommandStep.form(CITY_FORM).onComplete(this::save);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Command {
  /** The command's node, unique in the component. */
  String node();

  /** The name clients show. */
  String name();

  /** Who may list and run it. */
  Access access() default Access.ANYONE;

  /** Who may run a command. */
  enum Access {
    /** Every entity that can reach the component. */
    ANYONE,
    /** Users of the server the component is attached to (their domain is the server's domain). */
    LOCAL_USERS,
    /** Only the bare JIDs listed as administrators in the configuration ({@code admins}). */
    ADMINS
  }
}
