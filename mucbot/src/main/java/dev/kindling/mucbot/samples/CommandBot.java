package dev.kindling.mucbot.samples;

import dev.kindling.handler.Blocking;
import dev.kindling.handler.Outbound;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.lifecycle.ComponentService;
import dev.kindling.mucbot.OnCommand;
import dev.kindling.mucbot.OnGroupMessage;
import dev.kindling.mucbot.OnLeave;
import dev.kindling.mucbot.Occupant;
import dev.kindling.mucbot.Room;
import dev.kindling.mucbot.RoomBot;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * The sample command bot: {@code !roll 2d6}, {@code !seen <nick>} (remembered across restarts in the
 * {@code data-dir}), {@code !uptime}, and the generated {@code !help}.
 */
@RoomBot(nick = "helper")
public final class CommandBot implements ComponentService {
  private static final Pattern DICE = Pattern.compile("(\\d{0,3})d(\\d{1,4})([+-]\\d{1,4})?", Pattern.CASE_INSENSITIVE);

  private final Clock clock;
  private final SeenBook seen;
  private Instant started;

  @Inject
  CommandBot(Clock clock, KindlingConfig config, Outbound outbound) {
    this.clock = clock;
    this.seen = new SeenBook(config.dataDirectory().resolve("mucbot-seen-" + outbound.jid().getDomain()
        + ".properties"), clock);
  }

  @Override
  public void start() throws IOException {
    seen.load();
    started = clock.instant();
  }

  @Override
  public void stop() {
    seen.save();
  }

  @OnCommand(value = "roll", args = "<dice>", description = "rolls dice: 2d6, d20, 3d8+2")
  String roll(Occupant from, String dice) {
    Matcher matcher = DICE.matcher(dice.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException("'" + dice + "' is not dice; try 2d6");
    }
    int count = matcher.group(1).isEmpty() ? 1 : Integer.parseInt(matcher.group(1));
    int sides = Integer.parseInt(matcher.group(2));
    int bonus = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
    if (count < 1 || count > 100 || sides < 2) {
      throw new IllegalArgumentException("1 to 100 dice of 2 sides or more, please");
    }
    int[] rolls = IntStream.range(0, count).map(i -> ThreadLocalRandom.current().nextInt(1, sides + 1)).toArray();
    int total = IntStream.of(rolls).sum() + bonus;
    String shown = count == 1 && bonus == 0 ? "" : " (" + String.join(" + ", IntStream.of(rolls)
        .mapToObj(Integer::toString).toList()) + (bonus == 0 ? "" : (bonus > 0 ? " + " : " - ") + Math.abs(bonus)) + ")";
    return from.nick() + " rolled " + dice.strip() + ": " + total + shown;
  }

  @OnCommand(value = "seen", args = "<nick>", description = "when someone was last here (in this room)")
  String seen(Room room, String nick) {
    if (room.occupant(nick).isPresent()) {
      return nick + " is here now";
    }
    return seen.find(room.jid().toBareJID(), nick).map(last -> last.nick() + " was last seen here "
        + ago(Duration.between(last.at(), clock.instant())) + " ago").orElse("I have not seen " + nick + " here");
  }

  @OnCommand(value = "uptime", description = "how long I have been running")
  String uptime() {
    return "up " + ago(Duration.between(started, clock.instant()));
  }

  @OnGroupMessage
  @Blocking                                      // may write the file
  void spoke(Room room, Occupant from) {
    seen.saw(from.nick(), room.jid().toBareJID());
  }

  @OnLeave
  @Blocking
  void left(Room room, Occupant occupant) {
    seen.saw(occupant.nick(), room.jid().toBareJID());
  }

  private static String ago(Duration duration) {
    long seconds = Math.max(0, duration.toSeconds());
    if (seconds < 120) {
      return seconds + " s";
    } else if (seconds < 7200) {
      return seconds / 60 + " min";
    } else if (seconds < 172_800) {
      return seconds / 3600 + " h";
    }
    return seconds / 86_400 + " days";
  }
}
