package dev.kindling.mucbot;

import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.OrderKey;
import dev.kindling.handler.OrderedBy;
import dev.kindling.handler.PresenceHandler;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.handler.To;
import jakarta.inject.Inject;
import java.util.Optional;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * The Kindling handlers of a bots' component: every room stanza to a bot's address, handed to the engine.
 * Ordered by the sender's bare JID, so one room's presences and messages are handled one at a time, in order.
 * Quick: they run on the connection's reader when it is free; a bot method marked
 * {@link dev.kindling.handler.Blocking} is handed to the bots' pool by its room's {@link RoomLane}.
 */
@Identity(category = "component", type = "generic", name = "Kindling MUC bots")
@OrderedBy(OrderKey.BARE_SENDER)
final class MucHandlers {
  private final MucBotEngine engine;

  @Inject
  MucHandlers(MucBotEngine engine) {
    this.engine = engine;
  }

  /** An occupant's presence, the bot's own included (XEP-0045 §7.2). */
  @PresenceHandler(value = {PresenceHandler.Type.AVAILABLE, PresenceHandler.Type.UNAVAILABLE},
      namespace = MucXml.MUC_USER)
  void occupant(Presence presence, @To JID to) {
    engine.presence(presence, to);
  }

  /** The room refused the bot's presence: a join error (§7.2.6–§7.2.11). */
  @PresenceHandler(PresenceHandler.Type.ERROR)
  void refused(Presence presence, @To JID to) {
    engine.presence(presence, to);
  }

  /** A message to the room. */
  @MessageHandler(type = Message.Type.groupchat)
  void group(Message message, @To JID to) {
    engine.groupMessage(message, to);
  }

  /** A private message from an occupant; anything else to a bot's address is refused as a server would. */
  @MessageHandler(type = {Message.Type.chat, Message.Type.normal})
  void direct(Message message, @To JID to) {
    if (!engine.privateMessage(message, to)) {
      throw new StanzaErrorException(PacketError.Condition.service_unavailable, "");
    }
  }

  /** A message with muc#user: an invitation through the room (§7.8.2), or a room's message with status codes. */
  @MessageHandler(type = {Message.Type.normal, Message.Type.chat, Message.Type.groupchat}, namespace = MucXml.MUC_USER)
  void mucUser(Message message, @To JID to) {
    Element x = MucXml.mucUser(message);
    Element invite = x == null ? null : x.element("invite");
    if (invite != null && message.getFrom() != null && message.getFrom().getResource() == null) {
      JID inviter = jid(invite.attributeValue("from")).orElse(message.getFrom());
      engine.invited(to, new Invitation(new JID(message.getFrom().toBareJID(), true), inviter,
          text(invite.element("reason")), Optional.ofNullable(x.elementText("password")), false));
    } else if (directInvitation(message).isPresent()) {
      invitedDirectly(message, to);
    } else if (message.getType() == Message.Type.groupchat) {
      engine.groupMessage(message, to);
    } else if (invite == null) {
      direct(message, to);
    }
  }

  /** A direct invitation (XEP-0249). */
  @MessageHandler(type = {Message.Type.normal, Message.Type.chat}, namespace = MucXml.CONFERENCE)
  void invitedDirectly(Message message, @To JID to) {
    directInvitation(message).ifPresent(x -> jid(x.attributeValue("jid")).ifPresent(room ->
        engine.invited(to, new Invitation(new JID(room.toBareJID(), true), message.getFrom(),
            text(x.attributeValue("reason")), Optional.ofNullable(x.attributeValue("password")), true))));
  }

  /** A message the room bounced. */
  @MessageHandler(type = Message.Type.error)
  void bounced(Message message, @To JID to) {
    engine.messageError(message, to);
  }

  private static Optional<Element> directInvitation(Message message) {
    return Optional.ofNullable(message.getElement().element(QName.get("x", MucXml.CONFERENCE)));
  }

  private static Optional<JID> jid(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JID(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String text(Element element) {
    return element == null ? "" : element.getTextTrim();
  }

  private static String text(String attribute) {
    return attribute == null ? "" : attribute;
  }
}
