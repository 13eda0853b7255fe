package dev.kindling.mucbot;

import com.google.inject.Binding;
import com.google.inject.Injector;
import com.google.inject.Key;
import dev.kindling.config.ConfigKey;
import dev.kindling.connection.ConnectionState;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.inject.ConfigException;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.inject.KindlingKeys;
import dev.kindling.lifecycle.ComponentService;
import dev.kindling.lifecycle.ConnectionEvents;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Runs the bots of one component: finds them among the component's classes at start, joins their rooms on every
 * connection, routes each room's stanzas to the bot and room they are for, pings idle rooms (XEP-0410), handles
 * invitations, holds the rate limits, and leaves the rooms when the component stops.
 */
final class MucBotEngine implements ComponentService {
  private static final Logger log = LoggerFactory.getLogger(MucBotEngine.class);
  private static final int MAX_ROOMS_PER_BOT = 10_000;
  private static final int POOL_THREADS = 32;

  private final Injector injector;
  private final Outbound outbound;
  private final KindlingConfig config;
  private final Map<String, Bot> bots = new LinkedHashMap<>();
  private final Map<Object, Bot> botsByInstance = new IdentityHashMap<>();
  private final Map<Bot, BotReactions> reactions = new IdentityHashMap<>();
  private ScheduledExecutorService timers;
  private ThreadPoolExecutor pool;
  private RateLimiter occupantLimits;
  private RateLimiter roomLimits;
  private String nickSuffix;
  private Duration rejoinDelay;
  private Duration maxRejoinDelay;
  private volatile boolean connected;
  private volatile boolean closing;
  private String serverDomain;

  @Inject
  MucBotEngine(Injector injector, Outbound outbound, KindlingConfig config, ConnectionEvents events) {
    this.injector = injector;
    this.outbound = outbound;
    this.config = config;
    events.listen((state, cause) -> {
      if (state == ConnectionState.AUTHENTICATED) {
        connected = true;
        if (!closing) {
          sessions().forEach(RoomSession::join);
        }
      } else if (state == ConnectionState.DISCONNECTED) {
        connected = false;
        sessions().forEach(RoomSession::disconnected);
      }
    });
  }

  @Override
  public synchronized void start() {
    List<String> problems = new ArrayList<>();
    String domain = outbound.jid().getDomain();
    for (Map.Entry<Key<?>, Binding<?>> binding : injector.getBindings().entrySet()) {
      Class<?> type = binding.getKey().getTypeLiteral().getRawType();
      if (type.isAnnotationPresent(RoomBot.class) && binding.getKey().getAnnotation() == null) {
        Object instance = injector.getInstance(type);
        BotType read = BotType.of(instance, problems);
        if (!ConfigKey.isComponentName(read.name)) {
          continue;                              // its problem is reported; it has no keys to read
        }
        Bot bot = Bot.of(read, instance, BotSettings.read(config, read, problems), domain);
        if (bots.putIfAbsent(read.name, bot) != null) {
          problems.add(type.getSimpleName() + ": bot name '" + read.name + "' is also "
              + bots.get(read.name).instance().getClass().getSimpleName() + "'s");
        }
        botsByInstance.put(instance, bot);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Duration window = config.get(MucBotKeys.LIMIT_WINDOW);
    if (window.isZero() || window.isNegative()) {
      problems.add(MucBotKeys.LIMIT_WINDOW.name() + " must be longer than 0s");
    }
    if (config.get(MucBotKeys.REJOIN_DELAY).toMillis() < 100) {
      problems.add(MucBotKeys.REJOIN_DELAY.name() + " must be 100ms or more (a shorter one hammers a refusing room)");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    occupantLimits = new RateLimiter(config.get(MucBotKeys.OCCUPANT_LIMIT), config.get(MucBotKeys.LIMIT_WINDOW),
        System::nanoTime);
    roomLimits = new RateLimiter(config.get(MucBotKeys.ROOM_LIMIT), config.get(MucBotKeys.LIMIT_WINDOW),
        System::nanoTime);
    nickSuffix = config.get(MucBotKeys.NICK_SUFFIX);
    int dot = domain.indexOf('.');
    serverDomain = config.find(KindlingKeys.SERVER_DOMAIN).orElse(dot > 0 ? domain.substring(dot + 1) : domain);
    rejoinDelay = config.get(MucBotKeys.REJOIN_DELAY);
    maxRejoinDelay = config.get(MucBotKeys.MAX_REJOIN_DELAY);
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "mucbot-timers-" + domain);
      thread.setDaemon(true);
      return thread;
    });
    executor.setRemoveOnCancelPolicy(true);
    timers = executor;
    pool = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "mucbot-blocking-" + domain);
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
    for (Bot bot : bots.values()) {
      BotReactions calls = new BotReactions(this, bot);
      reactions.put(bot, calls);
      bot.settings().rooms().forEach(room -> session(bot, room, bot.settings().password(room)));
    }
    Duration selfPing = config.get(MucBotKeys.SELF_PING);
    if (!selfPing.isZero()) {
      long idle = selfPing.toNanos();
      timers.scheduleWithFixedDelay(() -> sessions().forEach(session -> session.selfPing(System.nanoTime(), idle)),
          selfPing.toMillis(), Math.max(100, selfPing.toMillis() / 2), TimeUnit.MILLISECONDS);
    }
    log.info("{}: bots {}", domain, bots.values().stream().map(bot -> bot.jid() + " in "
        + bot.settings().rooms()).toList());
    if (connected) {
      sessions().forEach(RoomSession::join);
    }
  }

  /**
   * Leaves every room, and waits (up to 5 s) for the bot methods still running on the pool, so that the bots'
   * own {@code stop()} (after this, as they started after it) sees no more calls.
   */
  @Override
  public void closing() {
    closing = true;
    sessions().forEach(RoomSession::close);
    if (pool != null) {
      pool.shutdown();
      try {
        if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
          log.warn("{}: bot methods still running after 5 s", outbound.jid().getDomain());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void stop() {
    if (timers != null) {
      timers.shutdownNow();
      pool.shutdownNow();
    }
  }

  /** The pool bot methods marked {@code @Blocking} run on. */
  Executor pool() {
    return pool;
  }

  /** The bot whose instance is {@code instance}. */
  Bot bot(Object instance) {
    Bot bot = botsByInstance.get(instance);
    if (bot == null) {
      throw new IllegalArgumentException(instance.getClass().getName() + " is not a bot of this component");
    }
    return bot;
  }

  /** The room {@code room} of {@code bot}, made (not joined) if new; empty if the bot has too many rooms. */
  synchronized Optional<RoomSession> session(Bot bot, JID room, Optional<String> password) {
    JID bare = new JID(room.toBareJID(), true);
    RoomSession known = bot.rooms().get(bare.toBareJID());
    if (known != null) {
      return Optional.of(known);
    }
    if (bot.rooms().size() >= MAX_ROOMS_PER_BOT) {
      log.warn("bot {} has {} rooms, the most it may have: not adding {}", bot.name(), MAX_ROOMS_PER_BOT, bare);
      return Optional.empty();
    }
    RoomSession session = new RoomSession(this, bot, reactions.get(bot), bare, password);
    bot.rooms().put(bare.toBareJID(), session);
    return Optional.of(session);
  }

  /** Joins {@code room} for {@code bot}: now if the component is connected, else when it is. */
  Optional<RoomSession> join(Bot bot, JID room, Optional<String> password) {
    if (closing) {
      return Optional.empty();
    }
    Optional<RoomSession> session = session(bot, room, password);
    session.ifPresent(found -> found.want(connected));
    return session;
  }

  /** The room session a stanza from {@code from} to {@code to} belongs to, if any. */
  Optional<RoomSession> sessionOf(JID from, JID to) {
    if (from == null || to == null || to.getNode() == null) {
      return Optional.empty();
    }
    Bot bot = bots.get(to.getNode());
    return bot == null ? Optional.empty() : Optional.ofNullable(bot.rooms().get(from.toBareJID()));
  }

  /** An invitation to {@code to}'s bot: accepted or declined by its methods, else by its policy. */
  void invited(JID to, Invitation invitation) {
    Bot bot = to.getNode() == null ? null : bots.get(to.getNode());
    if (bot == null || closing) {
      return;
    }
    if (bot.type().invites.stream().anyMatch(BotMethod::blocking)) {
      pool.execute(() -> decide(bot, invitation));
    } else {
      decide(bot, invitation);
    }
  }

  private void decide(Bot bot, Invitation invitation) {
    Boolean decision = reactions.get(bot).decide(invitation);
    boolean accept = decision != null ? decision : switch (bot.settings().invitations()) {
      case ACCEPT -> true;
      case DECLINE -> false;
      case LOCAL -> isLocal(invitation.from()) && isLocal(invitation.room());
    };
    log.info("bot {} {} the invitation of {} to {}", bot.name(), accept ? "accepts" : "declines", invitation.from(),
        invitation.room());
    if (accept) {
      join(bot, invitation.room(), invitation.password().or(() -> bot.settings().password(invitation.room())));
    } else if (!invitation.direct()) {
      send(MucXml.decline(bot.occupantSource(), invitation.room(), invitation.from()));
    }
  }

  /**
   * Whether {@code address} is of the server's domain ({@code server-domain}, else the component's domain without
   * its first label) or one of its subdomains (its MUC service).
   */
  private boolean isLocal(JID address) {
    return address.getDomain().equals(serverDomain) || address.getDomain().endsWith("." + serverDomain);
  }

  /** Whether the bot may answer {@code occupant} in {@code room} now (both rate limits). */
  boolean allowAnswer(Bot bot, RoomSession room, Occupant occupant) {
    String roomKey = bot.name() + " " + room.jid();
    if (occupant != null && !occupantLimits.allow(roomKey + "/" + occupant.realJid().map(JID::toBareJID)
        .orElse(occupant.nick()))) {
      log.debug("bot {}: {} in {} is over mucbot.occupant-limit; not answering", bot.name(), occupant.nick(),
          room.jid());
      return false;
    }
    if (!roomLimits.allow(roomKey)) {
      log.debug("bot {}: {} is over mucbot.room-limit; not answering", bot.name(), room.jid());
      return false;
    }
    return true;
  }

  boolean send(Packet packet) {
    return outbound.send(packet);
  }

  /** Sends {@code iq} and gives its answer, error or not. */
  CompletableFuture<IQ> request(IQ iq, Duration timeout) {
    return outbound.request(iq, timeout);
  }

  /** Sends {@code iq}: the future fails with the answer's error as a {@link StanzaErrorException}. */
  CompletableFuture<IQ> ask(IQ iq) {
    return outbound.request(iq).thenApply(answer -> {
      if (answer.getType() == IQ.Type.error) {
        PacketError error = answer.getError();
        throw new StanzaErrorException(error == null ? PacketError.Condition.undefined_condition
            : error.getCondition(), error == null || error.getText() == null ? "" : error.getText());
      }
      return answer;
    });
  }

  ScheduledFuture<?> schedule(Runnable task, Duration delay) {
    return timers.schedule(() -> {
      try {
        task.run();
      } catch (RuntimeException e) {
        log.warn("a MUC bot timer failed", e);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  String nickSuffix() {
    return nickSuffix;
  }

  /** The wait before attempt {@code failures + 1}: the first delay doubled per failure, at most the maximum. */
  Duration rejoinDelay(int failures) {
    Duration delay = rejoinDelay.multipliedBy(1L << Math.min(20, failures - 1));
    return delay.compareTo(maxRejoinDelay) > 0 ? maxRejoinDelay : delay;
  }

  /** The rooms of {@code bot}. */
  List<Room> rooms(Bot bot) {
    return List.copyOf(bot.rooms().values());
  }

  private List<RoomSession> sessions() {
    List<RoomSession> all = new ArrayList<>();
    bots.values().forEach(bot -> all.addAll(bot.rooms().values()));
    return all;
  }

  // The handlers' entry points, each on the room's ordered thread.

  void presence(Presence presence, JID to) {
    sessionOf(presence.getFrom(), to).ifPresent(session -> {
      if (presence.getType() == Presence.Type.error) {
        session.refused(presence);
      } else {
        session.presence(presence);
      }
    });
  }

  void groupMessage(Message message, JID to) {
    sessionOf(message.getFrom(), to).ifPresent(session -> session.groupMessage(message));
  }

  /** A chat or normal message: whether it came from one of the bots' rooms (else nobody here takes it). */
  boolean privateMessage(Message message, JID to) {
    Optional<RoomSession> session = sessionOf(message.getFrom(), to);
    session.ifPresent(found -> found.privateMessage(message));
    return session.isPresent();
  }

  void messageError(Message message, JID to) {
    sessionOf(message.getFrom(), to).ifPresent(session -> session.messageRefused(message));
  }
}
