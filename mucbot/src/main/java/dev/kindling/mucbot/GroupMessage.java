package dev.kindling.mucbot;

import org.xmpp.packet.Message;

/**
 * A message a bot received in a room or privately from one of its occupants.
 *
 * @param from who sent it
 * @param body its text
 * @param delayed whether it is replayed history (it carries an XEP-0203 delay)
 * @param privately whether it was a private message (XEP-0045 §7.5) rather than one to the room
 * @param stanza the message as received
 */
public record GroupMessage(Occupant from, String body, boolean delayed, boolean privately, Message stanza) {}
