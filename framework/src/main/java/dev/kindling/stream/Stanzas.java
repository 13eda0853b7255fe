package dev.kindling.stream;

import org.dom4j.Attribute;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;
import org.xmpp.packet.StreamError;

/** Turns a parsed top-level element into Tinder's packet. */
public final class Stanzas {
  private Stanzas() {}

  /**
   * The packet for a {@code message}, {@code presence} or {@code iq} element. The server has already checked the
   * addresses, so Tinder's JID validation is skipped, as Whack does.
   *
   * @throws StreamErrorException {@code unsupported-stanza-type} for any other element, or one in another
   *     namespace than the stream's content namespace (which the parser leaves off)
   */
  public static Packet toPacket(Element element) throws StreamErrorException {
    if (!element.getNamespaceURI().isEmpty()) {
      throw StreamErrorException.detected(StreamError.Condition.unsupported_stanza_type, "top-level element <"
          + element.getQualifiedName() + "> in " + element.getNamespaceURI() + " is not a stanza of this stream");
    }
    return switch (element.getName()) {
      case "message" -> new Message(element, true);
      case "presence" -> new Presence(element, true);
      case "iq" -> new IQ(element, true);
      default -> throw StreamErrorException.detected(
          StreamError.Condition.unsupported_stanza_type, "unknown top-level element <" + element.getName() + ">");
    };
  }

  /**
   * The value of {@code element}'s attribute {@code name}, or {@code null}: what dom4j's {@code attributeValue}
   * returns, without the iterator it allocates on each call (this runs several times on every stanza).
   */
  public static String attribute(Element element, String name) {
    for (int i = 0, n = element.attributeCount(); i < n; i++) {
      Attribute attribute = element.attribute(i);
      if (name.equals(attribute.getName())) {
        return attribute.getValue();
      }
    }
    return null;
  }
}
