package dev.kindling.mucbot;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.JID;

/**
 * One bot's presence in one room: what a bot method is given to speak there, moderate, and see who is in it.
 * A handler method takes it as a parameter; {@link BotRooms} gives it to code outside an event (a timer, a
 * PubSub notification). Safe to use from any thread.
 *
 * <p>Moderation requests (kick, ban, voice, membership) are XEP-0045 admin IQs: the future completes when the
 * room accepts and fails with a {@link dev.kindling.handler.StanzaErrorException} carrying the room's error
 * (usually {@code forbidden} or {@code not-allowed} when the bot lacks the role or affiliation).
 */
public interface Room {
  /** The room's bare JID, {@code lobby@conference.example.org}. */
  JID jid();

  /** The bot's nick in the room now (the room may have changed it, status 210, or a conflict made it fall back). */
  String nick();

  /** Whether the bot is in the room now (the room accepted its presence and has not removed it). */
  boolean isJoined();

  /** The occupants, the bot included, as the room last presented them. */
  Collection<Occupant> occupants();

  /** The occupant with {@code nick}, if it is in the room. */
  Optional<Occupant> occupant(String nick);

  /** The bot itself as an occupant (its role and affiliation), once joined. */
  Optional<Occupant> self();

  /** Whether the room shows every occupant's real JID to everyone (status 100 or 172). */
  boolean isNonAnonymous();

  /** Whether the room says it logs its messages publicly (status 170). */
  boolean isLogged();

  /** The subject, empty if none. */
  String subject();

  /** Says {@code text} in the room. Queued while the bot is not joined is not: it is dropped and logged. */
  void say(String text);

  /** Sends {@code text} to occupant {@code nick} privately (XEP-0045 §7.5). */
  void sayPrivately(String nick, String text);

  /** Changes the subject (XEP-0045 §8.1); a room that refuses answers with an error, logged. */
  void setSubject(String subject);

  /** Kicks occupant {@code nick} (role none, §8.2). */
  CompletableFuture<Void> kick(String nick, String reason);

  /** Bans {@code user} (affiliation outcast, §9.1). */
  CompletableFuture<Void> ban(JID user, String reason);

  /** Gives occupant {@code nick} voice (role participant, §8.3). */
  CompletableFuture<Void> grantVoice(String nick);

  /** Takes voice from occupant {@code nick} (role visitor, §8.4). */
  CompletableFuture<Void> revokeVoice(String nick);

  /** Makes {@code user} a member (§9.3). */
  CompletableFuture<Void> grantMembership(JID user);

  /** Invites {@code user} through the room (§7.8.2). */
  void invite(JID user, String reason);

  /** Leaves the room, and does not rejoin it (until {@link BotRooms#join} or the next start). */
  void leave();
}
