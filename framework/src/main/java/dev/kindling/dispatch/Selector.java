package dev.kindling.dispatch;

import dev.kindling.handler.PresenceHandler;
import java.util.Set;
import java.util.regex.Pattern;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

/** Which stanzas a handler method takes, read from its annotation. */
public sealed interface Selector {
  /** The packet class the handler receives. */
  Class<?> packetType();

  /** An {@code @IqHandler}: one child element name and namespace, one type. */
  record Iq(String element, String namespace, IQ.Type type) implements Selector {
    @Override
    public Class<?> packetType() {
      return IQ.class;
    }
  }

  /** A {@code @MessageHandler}: types, and optionally a child namespace or a body pattern. */
  record Messages(Set<Message.Type> types, String namespace, Pattern body) implements Selector {
    @Override
    public Class<?> packetType() {
      return Message.class;
    }
  }

  /** A {@code @PresenceHandler}: types, and optionally a child namespace. */
  record Presences(Set<PresenceHandler.Type> types, String namespace) implements Selector {
    @Override
    public Class<?> packetType() {
      return org.xmpp.packet.Presence.class;
    }
  }
}
