package dev.kindling.dispatch;

import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Builds the error reply to a stanza (RFC 6120 §8.3): addressed back to the sender, from the original
 * recipient, with the same id and the original payload, and an {@code <error/>} carrying the condition.
 */
public final class ErrorReplies {
  private ErrorReplies() {}

  /**
   * The error reply to {@code stanza}, with the condition's default error type.
   *
   * @throws IllegalArgumentException if {@code stanza} is itself an error, which must never be answered with
   *     another (RFC 6120 §8.3.1)
   */
  public static Packet to(Packet stanza, PacketError.Condition condition) {
    return to(stanza, new PacketError(condition));
  }

  /**
   * The error reply to {@code stanza} with {@code error}.
   *
   * @throws IllegalArgumentException if {@code stanza} is itself an error
   */
  public static Packet to(Packet stanza, PacketError error) {
    if (isErrorType(stanza)) {
      throw new IllegalArgumentException("an error stanza is never answered with an error (RFC 6120 §8.3.1): "
          + stanza.getID());
    }
    Packet reply = stanza.createCopy();
    reply.getElement().addAttribute("type", "error");
    reply.setTo(stanza.getFrom());
    reply.setFrom(stanza.getTo());
    reply.setError(error);
    return reply;
  }

  /**
   * The error reply to {@code stanza} without its payload: for refusals under load, where echoing a large
   * stanza back would only add to the load.
   */
  public static Packet withoutPayload(Packet stanza, PacketError error) {
    Packet reply = to(stanza, error);
    reply.getElement().elements().removeIf(child -> !"error".equals(child.getName()));
    return reply;
  }

  /** Whether {@code stanza} has {@code type='error'}: what makes it an error (a child named error does not). */
  public static boolean isErrorType(Packet stanza) {
    return "error".equals(stanza.getElement().attributeValue("type"));
  }
}
