package dev.kindling.mucbot;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/** The XEP-0045 stanzas a bot sends and the parts of those it receives that it reads. */
final class MucXml {
  static final String MUC = "http://jabber.org/protocol/muc";
  static final String MUC_USER = "http://jabber.org/protocol/muc#user";
  static final String MUC_ADMIN = "http://jabber.org/protocol/muc#admin";
  static final String MUC_OWNER = "http://jabber.org/protocol/muc#owner";
  static final String ROOM_CONFIG = "http://jabber.org/protocol/muc#roomconfig";
  static final String CONFERENCE = "jabber:x:conference";
  static final String DELAY = "urn:xmpp:delay";
  static final String LEGACY_DELAY = "jabber:x:delay";
  static final String PING = "urn:xmpp:ping";

  private MucXml() {}

  /** The status codes of a muc#user element (XEP-0045 §15.6). */
  static Set<Integer> statusCodes(Element mucUser) {
    Set<Integer> codes = new HashSet<>();
    if (mucUser != null) {
      for (Element status : mucUser.elements("status")) {
        try {
          codes.add(Integer.parseInt(status.attributeValue("code", "")));
        } catch (NumberFormatException e) {
          // a status without a number says nothing
        }
      }
    }
    return codes;
  }

  /** The muc#user child of {@code packet}, or {@code null}. */
  static Element mucUser(Packet packet) {
    return packet.getElement().element(org.dom4j.QName.get("x", MUC_USER));
  }

  /** The occupant a presence from {@code from} with {@code mucUser} describes. */
  static Occupant occupant(JID from, Element mucUser) {
    Element item = mucUser == null ? null : mucUser.element("item");
    Role role = item == null ? Role.NONE : Role.of(item.attributeValue("role"));
    Affiliation affiliation = item == null ? Affiliation.NONE : Affiliation.of(item.attributeValue("affiliation"));
    Optional<JID> jid = Optional.empty();
    String real = item == null ? null : item.attributeValue("jid");
    if (real != null) {
      try {
        jid = Optional.of(new JID(real));
      } catch (IllegalArgumentException e) {
        // a room that shows a malformed JID shows none
      }
    }
    return new Occupant(new JID(from.toBareJID(), true), from.getResource(), role, affiliation, jid);
  }

  /** The new nick of a nick change (status 303), from the item. */
  static Optional<String> newNick(Element mucUser) {
    Element item = mucUser == null ? null : mucUser.element("item");
    return Optional.ofNullable(item == null ? null : item.attributeValue("nick"));
  }

  /** Whether {@code message} is replayed (XEP-0203 delay, or the legacy XEP-0091 one). */
  static boolean isDelayed(Message message) {
    Element element = message.getElement();
    return element.element(org.dom4j.QName.get("delay", DELAY)) != null
        || element.element(org.dom4j.QName.get("x", LEGACY_DELAY)) != null;
  }

  /** The presence that joins {@code occupant} (room/nick) from {@code from}, asking for no history. */
  static Presence join(JID from, JID occupant, Optional<String> password) {
    Presence presence = new Presence();
    presence.setFrom(from);
    presence.setTo(occupant);
    Element x = presence.addChildElement("x", MUC);
    x.addElement("history").addAttribute("maxchars", "0");
    password.ifPresent(value -> x.addElement("password").setText(value));
    return presence;
  }

  /** The presence that leaves the room of {@code occupant}. */
  static Presence leave(JID from, JID occupant) {
    Presence presence = new Presence(Presence.Type.unavailable);
    presence.setFrom(from);
    presence.setTo(occupant);
    return presence;
  }

  /** A message to the room, or privately to one occupant. */
  static Message message(JID from, JID to, Message.Type type, String body, String id) {
    Message message = new Message();
    message.setFrom(from);
    message.setTo(to);
    message.setType(type);
    message.setID(id);
    message.setBody(body);
    if (type == Message.Type.chat) {
      message.addChildElement("x", MUC_USER);            // §7.5: marks a private message as one within a room
    }
    return message;
  }

  /** An admin request (§8, §9) setting {@code attributes} on one item. */
  static IQ admin(JID from, JID room, Map<String, String> attributes, String reason) {
    IQ iq = new IQ(IQ.Type.set);
    iq.setFrom(from);
    iq.setTo(room);
    Element item = iq.setChildElement("query", MUC_ADMIN).addElement("item");
    attributes.forEach(item::addAttribute);
    if (reason != null && !reason.isEmpty()) {
      item.addElement("reason").setText(reason);
    }
    return iq;
  }

  /** The owner's submission of a new room's configuration (§10.1.3), {@code field=value} pairs. */
  static IQ configure(JID from, JID room, List<String> fields) {
    IQ iq = new IQ(IQ.Type.set);
    iq.setFrom(from);
    iq.setTo(room);
    Element form = iq.setChildElement("query", MUC_OWNER).addElement("x", "jabber:x:data").addAttribute("type",
        "submit");
    form.addElement("field").addAttribute("var", "FORM_TYPE").addElement("value").setText(ROOM_CONFIG);
    for (String field : fields) {
      int equals = field.indexOf('=');
      form.addElement("field").addAttribute("var", field.substring(0, equals)).addElement("value")
          .setText(field.substring(equals + 1));
    }
    return iq;
  }

  /** A disco#info request to the room (§6.4): {@code item-not-found} says it does not exist. */
  static IQ roomInfo(JID from, JID room) {
    IQ iq = new IQ(IQ.Type.get);
    iq.setFrom(from);
    iq.setTo(room);
    iq.setChildElement("query", "http://jabber.org/protocol/disco#info");
    return iq;
  }

  /** A self-ping (XEP-0410): a ping from the bot to its own occupant JID. */
  static IQ selfPing(JID from, JID occupant) {
    IQ iq = new IQ(IQ.Type.get);
    iq.setFrom(from);
    iq.setTo(occupant);
    iq.setChildElement("ping", PING);
    return iq;
  }

  /** The mediated invitation of {@code user} to {@code room} (§7.8.2). */
  static Message invite(JID from, JID room, JID user, String reason) {
    Message message = new Message();
    message.setFrom(from);
    message.setTo(room);
    Element invite = message.addChildElement("x", MUC_USER).addElement("invite").addAttribute("to", user.toString());
    if (reason != null && !reason.isEmpty()) {
      invite.addElement("reason").setText(reason);
    }
    return message;
  }

  /** The decline of a mediated invitation from {@code inviter} (§7.8.2). */
  static Message decline(JID from, JID room, JID inviter) {
    Message message = new Message();
    message.setFrom(from);
    message.setTo(room);
    message.addChildElement("x", MUC_USER).addElement("decline").addAttribute("to", inviter.toString())
        .addElement("reason").setText("This bot does not accept invitations from you.");
    return message;
  }

  /** The subject change (§8.1). */
  static Message subject(JID from, JID room, String subject, String id) {
    Message message = new Message();
    message.setFrom(from);
    message.setTo(room);
    message.setType(Message.Type.groupchat);
    message.setID(id);
    message.setSubject(subject);
    return message;
  }
}
