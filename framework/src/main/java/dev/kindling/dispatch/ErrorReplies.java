package dev.kindling.dispatch;

import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Builds the error reply to a stanza (RFC 6120 §8.3): addressed back to the sender, from the original
 * recipient, with the same id and an {@code <error/>} carrying the condition; a message or presence keeps its
 * payload, an IQ does not. RFC 6120 §8.3.1 lets the original payload be included, but clients parse an IQ error's
 * payload with the provider of the request's element: Smack 4.4's bytestreams provider fails on the echoed
 * {@code <query><activate/></query>} of XEP-0065 and Smack then closes the whole connection.
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
    if (stanza instanceof org.xmpp.packet.IQ) {
      reply.getElement().clearContent();
    }
    reply.setError(error);
    return reply;
  }

  /**
   * The error reply to {@code stanza} without its payload: for refusals under load, where echoing a large
   * stanza back would only add to the load.
   */
  public static Packet withoutPayload(Packet stanza, PacketError error) {
    Packet reply = to(stanza, error);
    for (org.dom4j.Element child : java.util.List.copyOf(reply.getElement().elements())) {
      if (!"error".equals(child.getName())) {
        reply.getElement().remove(child);
      }
    }
    return reply;
  }

  /** Whether {@code stanza} has {@code type='error'}: what makes it an error (a child named error does not). */
  public static boolean isErrorType(Packet stanza) {
    return "error".equals(stanza.getElement().attributeValue("type"));
  }
}
