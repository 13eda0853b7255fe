package dev.kindling.mucbot;

import dev.kindling.config.ConfigKey;
import java.time.Duration;
import java.util.List;
import org.xmpp.packet.JID;

/**
 * The configuration keys of MUC bots. {@code bot.<name>.*} keys are per bot, {@code <name>} being the bot's name
 * ({@link RoomBot#name()}); {@code mucbot.*} keys hold for every bot of the process.
 */
public final class MucBotKeys {
  /** The rooms the bot joins at start and after each reconnection. */
  public static final ConfigKey<List<JID>> ROOMS = ConfigKey.jids("bot.<name>.rooms").withDefault(List.of(), "none")
      .withDescription("rooms the bot <name> joins, comma-separated bare JIDs");
  /** The nick, instead of the one its class gives. */
  public static final ConfigKey<String> NICK = ConfigKey.string("bot.<name>.nick")
      .withDescription("the nick of bot <name> (default: its @RoomBot nick)");
  /** The command prefix, instead of the one its class gives. */
  public static final ConfigKey<String> PREFIX = ConfigKey.string("bot.<name>.prefix")
      .withDescription("what starts a command for bot <name> (default: its @RoomBot prefix, usually '!')");
  /** Passwords of password-protected rooms. */
  public static final ConfigKey<String> ROOM_PASSWORDS = ConfigKey.secret("bot.<name>.room-passwords")
      .withDescription("passwords of the rooms of bot <name>: room@service=password, comma-separated");
  /** Whether the bot creates a room that does not exist. */
  public static final ConfigKey<Boolean> CREATE_ROOMS = ConfigKey.bool("bot.<name>.create-rooms").withDefault(false)
      .withDescription("whether bot <name> creates (and owns) a room of its list that does not exist");
  /** The configuration of the rooms the bot creates. */
  public static final ConfigKey<List<String>> ROOM_CONFIG = ConfigKey.strings("bot.<name>.room-config")
      .withDefault(List.of(), "none")
      .withDescription("muc#roomconfig fields of rooms bot <name> creates: field=value, comma-separated"
          + " (muc#roomconfig_roomname=Lobby)");
  /** Whether the bot rejoins after a kick. */
  public static final ConfigKey<Boolean> REJOIN_AFTER_KICK = ConfigKey.bool("bot.<name>.rejoin-after-kick")
      .withDefault(false).withDescription("whether bot <name> rejoins a room it was kicked from (after rejoin-delay)");
  /** What the bot does with an invitation its methods do not decide. */
  public static final ConfigKey<String> INVITATIONS = ConfigKey.string("bot.<name>.invitations").withDefault("local")
      .withDescription("invitations bot <name> accepts: accept (all), local (from users of the server's domain),"
          + " decline (none)");

  /** The suffix added to a nick the room says is taken. */
  public static final ConfigKey<String> NICK_SUFFIX = ConfigKey.string("mucbot.nick-suffix").withDefault("_")
      .withDescription("added to a bot's nick when a room says it is taken (409), up to 5 times");
  /** Answers per occupant in a window. */
  public static final ConfigKey<Integer> OCCUPANT_LIMIT = ConfigKey.integer("mucbot.occupant-limit", 1, 1_000_000)
      .withDefault(5).withDescription("answers a bot gives one occupant per limit-window; beyond, it stays silent");
  /** Answers per room in a window. */
  public static final ConfigKey<Integer> ROOM_LIMIT = ConfigKey.integer("mucbot.room-limit", 1, 1_000_000)
      .withDefault(20).withDescription("answers a bot gives in one room per limit-window; beyond, it stays silent");
  /** The window of the rate limits. */
  public static final ConfigKey<Duration> LIMIT_WINDOW = ConfigKey.duration("mucbot.limit-window")
      .withDefault(Duration.ofSeconds(10)).withDescription("the window of occupant-limit and room-limit");
  /** How often an idle room is checked with a self-ping. */
  public static final ConfigKey<Duration> SELF_PING = ConfigKey.duration("mucbot.self-ping")
      .withDefault(Duration.ofMinutes(5))
      .withDescription("idle time after which a bot pings itself in a room (XEP-0410) to notice it was dropped; 0s: off");
  /** The first delay before joining again after a refusal or a removal. */
  public static final ConfigKey<Duration> REJOIN_DELAY = ConfigKey.duration("mucbot.rejoin-delay")
      .withDefault(Duration.ofSeconds(5))
      .withDescription("wait before joining a room again after a refusal or removal; doubled each time");
  /** The longest delay between attempts to join. */
  public static final ConfigKey<Duration> MAX_REJOIN_DELAY = ConfigKey.duration("mucbot.max-rejoin-delay")
      .withDefault(Duration.ofMinutes(5)).withDescription("the longest wait between attempts to join a room");

  /** Every key, to declare. */
  public static final List<ConfigKey<?>> ALL = List.of(ROOMS, NICK, PREFIX, ROOM_PASSWORDS, CREATE_ROOMS, ROOM_CONFIG,
      REJOIN_AFTER_KICK, INVITATIONS, NICK_SUFFIX, OCCUPANT_LIMIT, ROOM_LIMIT, LIMIT_WINDOW, SELF_PING, REJOIN_DELAY,
      MAX_REJOIN_DELAY);

  private MucBotKeys() {}
}
