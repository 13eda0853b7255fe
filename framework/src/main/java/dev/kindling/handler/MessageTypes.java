package dev.kindling.handler;

import dev.kindling.stream.Stanzas;
import org.xmpp.packet.Message;

/** Reads a message's type the way RFC 6121 §5.2.2 asks, where Tinder's {@code getType()} throws. */
public final class MessageTypes {
  private MessageTypes() {}

  /** The message's type; an absent or unknown one is {@code normal}. */
  public static Message.Type of(Message message) {
    String type = Stanzas.attribute(message.getElement(), "type");
    if (type == null) {
      return Message.Type.normal;
    }
    try {
      return Message.Type.valueOf(type);
    } catch (IllegalArgumentException unknown) {
      return Message.Type.normal;
    }
  }
}
