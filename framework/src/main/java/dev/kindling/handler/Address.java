package dev.kindling.handler;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds handlers to one address of the component's domain: stanzas sent to {@code helper@bots.example.org} (or
 * only to {@code helper@bots.example.org/Helper}, with a resource) go to the handlers bound to it, and what those
 * do not take falls back to the handlers of the domain itself (those without {@code @Address}), such as the
 * built-in ping and disco. So two handler classes of one component can each take, say, chat messages, one for
 * each address.
 *
 * <p>On a class, it binds every handler of the class and the class's {@link Identity}s (which then describe
 * that address in disco#info); on a method, that handler only, overriding the class's. Local parts are
 * compared as prepared JIDs are (case-insensitively), resources exactly. A handler that must see which address
 * a stanza was sent to takes a {@link To} parameter; addresses known only at run time (bots named in the
 * configuration) are served by domain-level handlers reading {@code @To}.
 *
 * <pre>{@code
 * @Address(local = "helper")
 * @Identity(category = "client", type = "bot", name = "Helper")
 * final class Helper {
 *   @MessageHandler(type = Message.Type.chat)
 *   Message answer(Message in) { return Replies.to(in).withBody("How can I help?"); }
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Address {
  /** The local part, such as {@code helper}. */
  String local();

  /** The resource, or empty for every resource of {@code local} and its bare address. */
  String resource() default "";
}
