package dev.kindling.mucbot;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * One bot in one room: joining (with the nick fallback and the retry policy), what the room says about its
 * occupants and about the bot (status codes), the history to skip, and the {@link Room} a bot's methods use.
 *
 * <p>The room's stanzas arrive one at a time, in order (the handlers are ordered by the room's bare JID); timers
 * (retry, self-ping) and other threads ({@link Room#say}) come in too, so the state is guarded by {@code this}, and
 * the bot's methods are called after the lock is released.
 */
final class RoomSession implements Room {
  private static final Logger log = LoggerFactory.getLogger(RoomSession.class);
  private static final int NICK_ATTEMPTS = 5;
  private static final int REMEMBERED_IDS = 64;
  static final Duration JOIN_TIMEOUT = Duration.ofSeconds(30);
  static final Duration PING_TIMEOUT = Duration.ofSeconds(10);

  /** Where the bot is with the room. */
  enum State {
    /** Not joined and not trying (before the first connection, or while disconnected). */
    IDLE,
    /** The join presence is sent; the room has not answered yet. */
    JOINING,
    /** The room presented the bot to itself (status 110). */
    JOINED,
    /** Refused or removed: another attempt is scheduled. */
    WAITING,
    /** Left on purpose, kicked without rejoin, or leaving for good: nothing more. */
    LEFT
  }

  private final MucBotEngine engine;
  private final Bot bot;
  private final BotReactions reactions;
  private final JID room;
  private final Optional<String> password;
  private final RoomLane lane;

  private State state = State.IDLE;
  private String nick;
  private int nickAttempt;
  private boolean initialSubjectPending;
  private final Map<String, Occupant> occupants = new LinkedHashMap<>();
  private final Set<String> renaming = new HashSet<>();
  private Occupant self;
  private boolean nonAnonymous;
  private boolean logged;
  private String subject = "";
  private int failures;
  private String lastProblem;
  private long lastHeard;
  private ScheduledFuture<?> timer;
  private int attempt;
  private final Deque<String> sentIds = new ArrayDeque<>();
  private long sent;

  RoomSession(MucBotEngine engine, Bot bot, BotReactions reactions, JID room, Optional<String> password) {
    this.engine = engine;
    this.bot = bot;
    this.reactions = reactions;
    this.room = room;
    this.password = password;
    this.nick = bot.settings().nick();
    this.lane = new RoomLane(engine.pool());
  }

  /** The room's calls of bot methods, in order. */
  RoomLane lane() {
    return lane;
  }

  /** Sends the join presence (again), as the configured nick, unless the bot left the room on purpose. */
  synchronized void join() {
    if (state == State.LEFT) {
      return;
    }
    nickAttempt = 0;
    nick = bot.settings().nick();
    sendJoin();
  }

  /**
   * The room is wanted (again): after {@link #leave()}, by {@link BotRooms#join} or an invitation. Joins now if
   * connected and not already joined, joining or waiting out a back-off; else at the next connection.
   */
  synchronized void want(boolean connected) {
    if (state == State.LEFT) {
      state = State.IDLE;
    }
    if (connected && state == State.IDLE) {
      join();
    }
  }

  /**
   * Joins, after asking the room whether it exists (disco#info, §6.4) unless the bot may create rooms: a join to a
   * missing room would create it, locked, for the bot.
   */
  private void sendJoin() {
    cancelTimer();
    state = State.JOINING;
    occupants.clear();
    renaming.clear();
    self = null;
    int thisAttempt = ++attempt;
    nonAnonymous = false;
    logged = false;
    if (bot.settings().createRooms()) {
      sendJoinPresence(thisAttempt);
      return;
    }
    engine.request(MucXml.roomInfo(bot.occupantSource(), room), PING_TIMEOUT).whenComplete((info, failure) -> {
      synchronized (this) {
        if (thisAttempt != attempt || state != State.JOINING) {
          return;
        }
        if (info != null && info.getType() == IQ.Type.error && info.getError() != null
            && info.getError().getCondition() == PacketError.Condition.item_not_found) {
          retry("the room does not exist (bot." + bot.name() + ".create-rooms=true lets the bot create it)");
        } else {
          sendJoinPresence(thisAttempt);
        }
      }
    });
  }

  private void sendJoinPresence(int thisAttempt) {
    engine.send(MucXml.join(bot.occupantSource(), occupantJid(nick), password));
    timer = engine.schedule(() -> joinTimedOut(thisAttempt), JOIN_TIMEOUT);
  }

  private synchronized void joinTimedOut(int thisAttempt) {
    if (state == State.JOINING && thisAttempt == attempt) {
      retry("the room did not answer the join within " + JOIN_TIMEOUT.toSeconds() + " s");
    }
  }

  /** The component lost its connection: nothing is joined until it is back. */
  synchronized void disconnected() {
    cancelTimer();
    if (state != State.LEFT) {
      state = State.IDLE;
    }
    occupants.clear();
    self = null;
  }

  /** The component is stopping: leaves the room, and tries nothing more. */
  synchronized void close() {
    cancelTimer();
    if (state == State.JOINED || state == State.JOINING || state == State.WAITING) {
      engine.send(MucXml.leave(bot.occupantSource(), occupantJid(nick)));
    }
    state = State.LEFT;
    attempt++;
  }

  /** A presence of an occupant (or of the bot) with its muc#user child. */
  void presence(Presence presence) {
    List<Runnable> calls = new ArrayList<>();
    synchronized (this) {
      lastHeard = System.nanoTime();
      String from = presence.getFrom().getResource();
      if (from == null) {
        return;
      }
      Element mucUser = MucXml.mucUser(presence);
      Set<Integer> codes = MucXml.statusCodes(mucUser);
      boolean available = presence.getType() == null;
      boolean isSelf = codes.contains(110);
      if (isSelf) {
        selfPresence(presence, mucUser, codes, available);
      } else if (available) {
        Occupant occupant = MucXml.occupant(presence.getFrom(), mucUser);
        Occupant before = occupants.put(from, occupant);
        boolean renamed = renaming.remove(from);
        if (state == State.JOINED && before == null && !renamed) {
          calls.add(() -> reactions.joined(this, occupant));
        }
      } else {
        Occupant before = occupants.remove(from);
        if (codes.contains(303)) {
          MucXml.newNick(mucUser).ifPresent(renaming::add);
        } else if (state == State.JOINED && before != null) {
          Departure departure = departure(mucUser, codes);
          calls.add(() -> reactions.left(this, before, departure));
        }
      }
    }
    calls.forEach(Runnable::run);
  }

  private void selfPresence(Presence presence, Element mucUser, Set<Integer> codes, boolean available) {
    if (available) {
      if (state == State.LEFT || state == State.IDLE) {
        engine.send(MucXml.leave(bot.occupantSource(), presence.getFrom()));   // a join answered after it left
        return;
      }
      self = MucXml.occupant(presence.getFrom(), mucUser);
      nick = self.nick();
      occupants.put(nick, self);
      nonAnonymous |= codes.contains(100) || codes.contains(172);
      logged |= codes.contains(170);
      if (state == State.JOINED) {
        return;
      }
      cancelTimer();
      state = State.JOINED;
      initialSubjectPending = true;
      if (lastProblem != null) {
        log.info("bot {} joined {} as {} after {} failed attempts", bot.name(), room, nick, failures);
      } else {
        log.info("bot {} joined {} as {}{}", bot.name(), room, nick, codes.contains(210) ? " (the room chose it)" : "");
      }
      failures = 0;
      lastProblem = null;
      if (codes.contains(201)) {
        created();
      }
      return;
    }
    if (codes.contains(303)) {
      occupants.remove(nick);
      MucXml.newNick(mucUser).ifPresent(newNick -> nick = newNick);
      return;
    }
    occupants.clear();
    self = null;
    if (state == State.LEFT || state == State.IDLE) {
      return;
    }
    Departure departure = departure(mucUser, codes);
    switch (departure) {
      case KICKED -> {
        if (bot.settings().rejoinAfterKick()) {
          retry("kicked by a moderator");
        } else {
          log.warn("bot {} was kicked from {}; not rejoining (bot.{}.rejoin-after-kick=false)", bot.name(), room,
              bot.name());
          state = State.LEFT;
        }
      }
      case BANNED -> retry("banned from the room");
      case REMOVED -> retry("removed: the room is members-only or the bot's affiliation changed");
      case SERVICE_SHUTDOWN -> retry("the MUC service is shutting down or had a problem (" + codes + ")");
      case ROOM_DESTROYED -> {
        log.warn("bot {}: room {} was destroyed; not rejoining it", bot.name(), room);
        state = State.LEFT;
      }
      case LEFT -> retry("the room removed the bot");
    }
  }

  /**
   * The room did not exist: the service made it for the bot, locked (status 201). Without create-rooms this is
   * the rare case of a room deleted between the bot's disco#info and its join.
   */
  private void created() {
    if (bot.settings().createRooms()) {
      engine.ask(MucXml.configure(bot.occupantSource(), room, bot.settings().roomConfig()))
          .whenComplete((answer, failure) -> {
            if (failure == null) {
              log.info("bot {} created room {} and configured it ({} fields)", bot.name(), room,
                  bot.settings().roomConfig().size());
            } else {
              log.warn("bot {} created room {} but the room refused its configuration ({}); making it an instant"
                  + " room", bot.name(), room, failure.getMessage());
              engine.ask(MucXml.configure(bot.occupantSource(), room, List.of())).exceptionally(again -> {
                log.warn("bot {}: room {} refused the instant configuration too ({}); leaving it", bot.name(), room,
                    again.getMessage());
                close();
                return null;
              });
            }
          });
      return;
    }
    engine.send(MucXml.leave(bot.occupantSource(), occupantJid(nick)));
    retry("the room was just deleted (the service made it again for the bot, locked; the bot left it:"
        + " bot." + bot.name() + ".create-rooms=true lets the bot create it)");
  }

  /** A presence of type error: the room refused the join (XEP-0045 §7.2). */
  synchronized void refused(Presence presence) {
    PacketError error = presence.getError();
    PacketError.Condition condition = error == null ? PacketError.Condition.undefined_condition : error.getCondition();
    if (state != State.JOINING) {
      return;
    }
    if (condition == PacketError.Condition.conflict && nickAttempt < NICK_ATTEMPTS) {
      nickAttempt++;
      String taken = nick;
      nick = bot.settings().nick() + engine.nickSuffix().repeat(nickAttempt);
      log.info("bot {}: nick {} is taken in {}; trying {}", bot.name(), taken, room, nick);
      sendJoin();
      return;
    }
    retry(refusal(condition) + " (" + condition.toXMPP() + (error == null || error.getText() == null ? ""
        : ": " + error.getText()) + ")");
  }

  private static String refusal(PacketError.Condition condition) {
    return switch (condition) {
      case not_authorized -> "the room needs a password (bot.<name>.room-passwords) or refused the one given";
      case forbidden -> "the bot is banned from the room";
      case registration_required -> "the room is members-only and the bot is not a member";
      case item_not_found -> "the room does not exist and the service does not let the bot create it";
      case not_allowed -> "the service does not let the bot create the room";
      case service_unavailable -> "the room is full or the service is not available";
      case conflict -> "every nick tried is taken";
      case jid_malformed -> "the room refuses the nick";
      default -> "the room refused the bot";
    };
  }

  /** A message of type groupchat from the room or one of its occupants. */
  void groupMessage(Message message) {
    GroupMessage delivered = null;
    Runnable subjectChanged = null;
    synchronized (this) {
      lastHeard = System.nanoTime();
      String from = message.getFrom().getResource();
      if (from == null) {
        statusChanges(MucXml.statusCodes(MucXml.mucUser(message)));      // only the room itself says these
      }
      if (state != State.JOINED) {
        return;
      }
      boolean own = from != null && from.equals(nick) || message.getID() != null && sentIds.contains(message.getID());
      boolean delayed = MucXml.isDelayed(message);
      if (message.getElement().element("subject") != null && message.getBody() == null) {
        subject = message.getSubject() == null ? "" : message.getSubject();
        boolean initial = initialSubjectPending;
        initialSubjectPending = false;
        if (!own && (!initial || bot.type().replayHistory)) {
          Occupant by = from == null ? null : occupantOrStranger(from);
          String changed = subject;
          subjectChanged = () -> reactions.subject(this, by, changed);
        }
      } else if (!own && from != null && message.getBody() != null && (!delayed || bot.type().replayHistory)) {
        initialSubjectPending &= delayed;
        delivered = new GroupMessage(occupantOrStranger(from), message.getBody(), delayed, false, message);
      }
    }
    if (subjectChanged != null) {
      subjectChanged.run();
    } else if (delivered != null) {
      reactions.message(this, delivered);
    }
  }

  /** A chat or normal message from an occupant: a private message (§7.5). */
  void privateMessage(Message message) {
    GroupMessage delivered;
    synchronized (this) {
      String from = message.getFrom().getResource();
      if (state != State.JOINED || from == null || from.equals(nick) || message.getBody() == null
          || MucXml.isDelayed(message)) {
        return;
      }
      delivered = new GroupMessage(occupantOrStranger(from), message.getBody(), false, true, message);
    }
    reactions.message(this, delivered);
  }

  /** A message of type error from the room: one of the bot's messages was refused. */
  synchronized void messageRefused(Message message) {
    String from = message.getFrom().getResource();
    if (from != null && !from.equals(nick)) {
      return;                                    // a private message to another occupant bounced: not about us
    }
    PacketError error = message.getError();
    PacketError.Condition condition = error == null ? PacketError.Condition.undefined_condition : error.getCondition();
    if (condition == PacketError.Condition.not_acceptable && state == State.JOINED) {
      log.info("bot {} is not in {} any more (a message was refused: not-acceptable); rejoining", bot.name(), room);
      join();
    } else {
      log.warn("bot {}: {} refused a message: {}", bot.name(), room, condition.toXMPP());
    }
  }

  /** Pings itself in the room (XEP-0410) if the room has said nothing for {@code idleNanos}. */
  void selfPing(long now, long idleNanos) {
    JID target;
    synchronized (this) {
      if (state != State.JOINED || now - lastHeard < idleNanos) {
        return;
      }
      lastHeard = now;
      target = occupantJid(nick);
    }
    engine.request(MucXml.selfPing(bot.occupantSource(), target), PING_TIMEOUT).whenComplete((answer, failure) -> {
      if (failure != null) {
        rejoinIfJoined("its self-ping got no answer within " + PING_TIMEOUT.toSeconds() + " s");
      } else if (answer.getType() == IQ.Type.error) {
        PacketError.Condition condition = answer.getError() == null ? PacketError.Condition.undefined_condition
            : answer.getError().getCondition();
        switch (condition) {
          case service_unavailable, feature_not_implemented, item_not_found, remote_server_not_found,
              remote_server_timeout -> log.debug("bot {}: self-ping in {}: {}, still joined", bot.name(), room,
              condition.toXMPP());
          default -> rejoinIfJoined("its self-ping was answered " + condition.toXMPP());
        }
      }
    });
  }

  private synchronized void rejoinIfJoined(String why) {
    if (state == State.JOINED) {
      log.info("bot {} is not in {} any more ({}); rejoining", bot.name(), room, why);
      join();
    }
  }

  private void statusChanges(Set<Integer> codes) {
    logged = codes.contains(170) || logged && !codes.contains(171);
    nonAnonymous = codes.contains(172) || nonAnonymous && !codes.contains(173) && !codes.contains(174);
  }

  private void retry(String problem) {
    cancelTimer();
    failures++;
    Duration delay = engine.rejoinDelay(failures);
    if (!problem.equals(lastProblem)) {
      log.warn("bot {} is not in {}: {}; trying again in {} s", bot.name(), room, problem,
          Math.max(1, delay.toMillis() / 1000));
    } else {
      log.debug("bot {} is not in {}: {} again; next attempt in {}", bot.name(), room, problem, delay);
    }
    lastProblem = problem;
    state = State.WAITING;
    timer = engine.schedule(this::join, delay);
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private Occupant occupantOrStranger(String nickname) {
    Occupant known = occupants.get(nickname);
    return known != null ? known : new Occupant(room, nickname, Role.NONE, Affiliation.NONE, Optional.empty());
  }

  private static Departure departure(Element mucUser, Set<Integer> codes) {
    if (mucUser != null && mucUser.element("destroy") != null) {
      return Departure.ROOM_DESTROYED;
    } else if (codes.contains(301)) {
      return Departure.BANNED;
    } else if (codes.contains(307)) {
      return Departure.KICKED;
    } else if (codes.contains(321) || codes.contains(322)) {
      return Departure.REMOVED;
    } else if (codes.contains(332) || codes.contains(333)) {
      return Departure.SERVICE_SHUTDOWN;
    }
    return Departure.LEFT;
  }

  private JID occupantJid(String nickname) {
    return new JID(room.getNode(), room.getDomain(), nickname, true);
  }

  private synchronized String nextId() {
    String id = "kb-" + bot.name() + "-" + (++sent);
    sentIds.addLast(id);
    if (sentIds.size() > REMEMBERED_IDS) {
      sentIds.removeFirst();
    }
    return id;
  }

  @Override
  public JID jid() {
    return room;
  }

  @Override
  public synchronized String nick() {
    return nick;
  }

  @Override
  public synchronized boolean isJoined() {
    return state == State.JOINED;
  }

  @Override
  public synchronized Collection<Occupant> occupants() {
    return List.copyOf(occupants.values());
  }

  @Override
  public synchronized Optional<Occupant> occupant(String nickname) {
    return Optional.ofNullable(occupants.get(nickname));
  }

  @Override
  public synchronized Optional<Occupant> self() {
    return Optional.ofNullable(self);
  }

  @Override
  public synchronized boolean isNonAnonymous() {
    return nonAnonymous;
  }

  @Override
  public synchronized boolean isLogged() {
    return logged;
  }

  @Override
  public synchronized String subject() {
    return subject;
  }

  @Override
  public void say(String text) {
    if (!isJoined()) {
      log.info("bot {} is not in {}: not saying '{}'", bot.name(), room, abbreviated(text));
      return;
    }
    engine.send(MucXml.message(bot.occupantSource(), room, Message.Type.groupchat, text, nextId()));
  }

  @Override
  public void sayPrivately(String nickname, String text) {
    engine.send(MucXml.message(bot.occupantSource(), occupantJid(nickname), Message.Type.chat, text, nextId()));
  }

  @Override
  public void setSubject(String newSubject) {
    engine.send(MucXml.subject(bot.occupantSource(), room, newSubject, nextId()));
  }

  @Override
  public CompletableFuture<Void> kick(String nickname, String reason) {
    return admin(Map.of("nick", nickname, "role", Role.NONE.xmlName()), reason);
  }

  @Override
  public CompletableFuture<Void> ban(JID user, String reason) {
    return admin(Map.of("jid", user.toBareJID(), "affiliation", Affiliation.OUTCAST.xmlName()), reason);
  }

  @Override
  public CompletableFuture<Void> grantVoice(String nickname) {
    return admin(Map.of("nick", nickname, "role", Role.PARTICIPANT.xmlName()), null);
  }

  @Override
  public CompletableFuture<Void> revokeVoice(String nickname) {
    return admin(Map.of("nick", nickname, "role", Role.VISITOR.xmlName()), null);
  }

  @Override
  public CompletableFuture<Void> grantMembership(JID user) {
    return admin(Map.of("jid", user.toBareJID(), "affiliation", Affiliation.MEMBER.xmlName()), null);
  }

  @Override
  public void invite(JID user, String reason) {
    engine.send(MucXml.invite(bot.occupantSource(), room, user, reason));
  }

  @Override
  public void leave() {
    close();
  }

  private CompletableFuture<Void> admin(Map<String, String> item, String reason) {
    return engine.ask(MucXml.admin(bot.occupantSource(), room, item, reason)).thenApply(answer -> null);
  }

  private static String abbreviated(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  @Override
  public String toString() {
    return "Room[" + room + " as " + nick() + " of bot " + bot.name() + "]";
  }
}
