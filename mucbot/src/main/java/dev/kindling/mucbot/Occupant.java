package dev.kindling.mucbot;

import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * Someone in a room, as the room last presented them.
 *
 * @param room the room's bare JID
 * @param nick the nick, the resource of {@link #occupantJid()}
 * @param role the role
 * @param affiliation the affiliation
 * @param realJid the real JID, where the room shows it (non-anonymous rooms, or to moderators)
 */
public record Occupant(JID room, String nick, Role role, Affiliation affiliation, Optional<JID> realJid) {
  /** The occupant's address in the room, {@code room@service/nick}. */
  public JID occupantJid() {
    return new JID(room.getNode(), room.getDomain(), nick, true);
  }
}
