package dev.kindling.mucbot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xmpp.packet.JID;

/**
 * One running bot: its class as read, its instance, its settings, its address and its rooms.
 *
 * @param jid its bare JID, {@code <name>@<component domain>}
 * @param occupantSource the full JID it joins rooms from ({@code jid/nick}): the same after a reconnection, so a
 *     room takes the join as the same occupant coming back rather than a second one (its own ghost)
 */
record Bot(BotType type, Object instance, BotSettings settings, JID jid, JID occupantSource,
    Map<String, RoomSession> rooms) {

  static Bot of(BotType type, Object instance, BotSettings settings, String domain) {
    JID jid = new JID(type.name, domain, null);
    return new Bot(type, instance, settings, jid, new JID(type.name, domain, settings.nick()),
        new ConcurrentHashMap<>());
  }

  /** The bot's name, for log lines. */
  String name() {
    return type.name;
  }
}
