package dev.kindling.command;

import dev.kindling.handler.StanzaErrorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.dom4j.DocumentHelper;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The multi-stage command sessions in progress (XEP-0050 §3.4), bounded in number and expiring after a
 * period without use. A session belongs to the full JID that started it; nobody else can continue it.
 * Registering holds this object's lock, so the caps hold under concurrent requests; finding and closing
 * only remove, and need no lock beyond the concurrent map's.
 */
public final class CommandSessions {
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final Clock clock;
  private final Duration timeout;
  private final int maxSessions;
  /** How many sessions one bare JID may hold, so that one requester cannot take every slot. */
  static final int MAX_PER_REQUESTER = 10;

  /**
   * Creates the store.
   *
   * @param timeout how long a session may go unused
   * @param maxSessions how many may be open at once; more are refused with {@code resource-constraint}
   */
  public CommandSessions(Clock clock, Duration timeout, int maxSessions) {
    this.clock = clock;
    this.timeout = timeout;
    this.maxSessions = maxSessions;
  }

  /** A session: its steps so far (the current one on top) and the attributes its stages keep. Guarded by itself. */
  static final class Session {
    final String id = UUID.randomUUID().toString();
    final JID owner;
    final String node;
    final Deque<CommandStep> steps = new ArrayDeque<>();
    final Map<String, Object> attributes = new HashMap<>();
    Instant lastUsed;

    Session(JID owner, String node, Instant now) {
      this.owner = owner;
      this.node = node;
      this.lastUsed = now;
    }
  }

  /** A session for {@code owner} running {@code node}, not yet registered: a one-step command never needs it. */
  Session create(JID owner, String node) {
    return new Session(owner, node, clock.instant());
  }

  /**
   * Registers a session that showed a form and continues; the checks of both caps and the insertion are one
   * atomic step.
   *
   * @throws StanzaErrorException {@code resource-constraint} if too many sessions are open, in all or of the same
   *     bare JID
   */
  synchronized void register(Session session) {
    purgeExpired();
    String owner = session.owner.toBareJID();
    if (sessions.values().stream().filter(open -> open.owner.toBareJID().equals(owner)).count() >= MAX_PER_REQUESTER) {
      throw new StanzaErrorException(PacketError.Condition.resource_constraint,
          "you have " + MAX_PER_REQUESTER + " command sessions open; finish or cancel one");
    }
    if (sessions.size() >= maxSessions) {
      throw new StanzaErrorException(PacketError.Condition.resource_constraint,
          "too many command sessions are open; try again later");
    }
    sessions.put(session.id, session);
  }

  /**
   * The session {@code id} of {@code requester} for {@code node}, marked as used now.
   *
   * @throws StanzaErrorException {@code bad-request}/{@code bad-sessionid} if there is no such session of theirs,
   *     {@code not-allowed}/{@code session-expired} if it expired (XEP-0050 §4.6)
   */
  Session find(String id, JID requester, String node) {
    Session session = sessions.get(id);
    if (session == null || !session.owner.equals(requester) || !session.node.equals(node)) {
      throw new StanzaErrorException(PacketError.Condition.bad_request, "no session '" + id + "' of yours",
          commandsCondition("bad-sessionid"));
    }
    Instant now = clock.instant();
    if (expired(session, now)) {
      sessions.remove(id);
      throw new StanzaErrorException(PacketError.Condition.not_allowed, "session '" + id + "' expired",
          commandsCondition("session-expired"));
    }
    session.lastUsed = now;
    return session;
  }

  /** Ends a session. */
  void close(Session session) {
    sessions.remove(session.id);
  }

  /** How many sessions are open. */
  public int size() {
    return sessions.size();
  }

  private void purgeExpired() {
    Instant now = clock.instant();
    sessions.values().removeIf(session -> expired(session, now));
  }

  private boolean expired(Session session, Instant now) {
    return session.lastUsed.plus(timeout).isBefore(now);
  }

  static org.dom4j.Element commandsCondition(String name) {
    return DocumentHelper.createElement(QName.get(name, AdHocCommandHandler.NAMESPACE));
  }
}
