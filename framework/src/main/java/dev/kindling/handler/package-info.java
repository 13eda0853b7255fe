/**
 * What a component is written with: annotations on plain classes that Guice creates
 * ({@link dev.kindling.handler.IqHandler}, {@link dev.kindling.handler.MessageHandler},
 * {@link dev.kindling.handler.PresenceHandler}, {@link dev.kindling.handler.Identity}), the
 * {@link dev.kindling.handler.StanzaErrorException} a handler throws to answer with an RFC 6120 §8.3 stanza
 * error, and the {@link dev.kindling.handler.Outbound} it sends with.
 *
 * <pre>{@code
 * @Identity(category = "component", type = "generic", name = "Echo")
 * public final class EchoComponent {
 *   @MessageHandler(type = Message.Type.chat)
 *   Message echo(Message in) {
 *     return Replies.to(in).withBody(in.getBody());
 *   }
 * }
 * }</pre>
 */
package dev.kindling.handler;
