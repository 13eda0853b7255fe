package dev.kindling.mucbot;

import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * An invitation to a room.
 *
 * @param room the room's bare JID
 * @param from who invited (the inviter's JID, as the room or the message gives it)
 * @param reason the reason given, empty if none
 * @param password the room's password, if the invitation carries one
 * @param direct whether it came directly from the inviter (XEP-0249) rather than through the room (XEP-0045)
 */
public record Invitation(JID room, JID from, String reason, Optional<String> password, boolean direct) {}
