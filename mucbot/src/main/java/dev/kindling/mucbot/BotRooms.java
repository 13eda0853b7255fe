package dev.kindling.mucbot;

import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * A bot's rooms, for code that speaks outside a room event — a timer, a PubSub notification, a command that
 * joins another room. Inject it into a bot class; pass the bot itself ({@code this}) to say whose rooms.
 *
 * <pre>{@code
 * @Inject Bridge(BotRooms rooms) { this.rooms = rooms; }
 * void post(String text) { rooms.of(this).forEach(room -> room.say(text)); }
 * }</pre>
 */
public final class BotRooms {
  private final MucBotEngine engine;

  @Inject
  BotRooms(MucBotEngine engine) {
    this.engine = engine;
  }

  /** The rooms of {@code bot}: configured, joined by invitation or by {@link #join}, joined now or not. */
  public List<Room> of(Object bot) {
    return engine.rooms(engine.bot(bot));
  }

  /** The room {@code room} of {@code bot}, if it is one of its rooms. */
  public Optional<Room> room(Object bot, JID room) {
    return Optional.ofNullable(engine.bot(bot).rooms().get(room.toBareJID()));
  }

  /**
   * Joins {@code room} for {@code bot} (with its configured password, if any), and again after each reconnection,
   * also a room it left or was kicked from.
   *
   * @throws IllegalStateException if the bot has as many rooms as it may have, or the component is stopping
   */
  public Room join(Object bot, JID room) {
    Bot running = engine.bot(bot);
    return engine.join(running, room, running.settings().password(room)).orElseThrow(() ->
        new IllegalStateException("bot " + running.name() + " cannot join " + room + " now (stopping, or it has"
            + " too many rooms)"));
  }

  /** The bare JID of {@code bot}, {@code <name>@<component domain>}: where it receives what is sent to it. */
  public JID jidOf(Object bot) {
    return engine.bot(bot).jid();
  }
}
