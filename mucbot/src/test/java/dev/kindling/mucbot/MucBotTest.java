package dev.kindling.mucbot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.ComponentTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The bot engine against a room played by hand in memory: what it sends to join, what it recognises as itself,
 * what it ignores, its nick fallback, its answers and their limits. The same against real rooms: {@code MucBotIT}.
 */
class MucBotTest {
  private static final String ROOM = "lobby@conference.localhost";
  private static final String BOT = "helper@bots.localhost/helper";
  private static final Duration QUIET = Duration.ofMillis(300);

  @RoomBot(nick = "helper")
  static final class Helper {
    final List<String> heard = new ArrayList<>();
    final List<String> joined = new ArrayList<>();

    @OnCommand(value = "echo", args = "<text>", description = "says the text back")
    String echo(String text) {
      return text;
    }

    @OnCommand(value = "add", args = "<a> <b>", description = "adds two numbers")
    String add(int a, int b) {
      return Integer.toString(a + b);
    }

    @OnGroupMessage(pattern = "(?i)hello.*")
    synchronized String greet(Occupant from, String body) {
      heard.add(body);
      return "hello " + from.nick();
    }

    @OnJoin
    synchronized void arrived(Occupant occupant) {
      joined.add(occupant.nick() + " " + occupant.role().xmlName());
    }
  }

  private static ComponentTester bots(String... config) {
    ComponentTester.Builder builder = ComponentTester.of(MucBots.classes(Helper.class).toArray(Class<?>[]::new))
        .modules(MucBots.keys()).domain("bots.localhost").config("bot.helper.rooms", ROOM).config("mucbot.self-ping", "0s")
        .config("bot.helper.create-rooms", "true");           // joins at once, without asking the room first
    for (int i = 0; i < config.length; i += 2) {
      builder.config(config[i], config[i + 1]);
    }
    return builder.build();
  }

  private static void enter(ComponentTester bots, String nick, String role, String... codes) {
    StringBuilder status = new StringBuilder();
    for (String code : codes) {
      status.append("<status code='").append(code).append("'/>");
    }
    bots.receive("<presence from='" + ROOM + "/" + nick + "' to='" + BOT + "'><x xmlns='" + MucXml.MUC_USER + "'>"
        + "<item affiliation='none' role='" + role + "'/>" + status + "</x></presence>");
  }

  private static void say(ComponentTester bots, String nick, String body, String extra) {
    bots.receive("<message type='groupchat' id='m" + System.nanoTime() + "' from='" + ROOM + "/" + nick + "' to='"
        + BOT + "'><body>" + body + "</body>" + extra + "</message>");
  }

  /** Joins as the room does it: others, then the bot itself (110), then the history and the subject. */
  private static void joined(ComponentTester bots) {
    Presence join = (Presence) bots.nextSent();
    assertThat(join.getTo().toString()).isEqualTo(ROOM + "/helper");
    enter(bots, "alice", "moderator");
    enter(bots, "helper", "participant", "110");
    say(bots, "alice", "!echo from the history", "<delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:00Z'/>");
    say(bots, "alice", "hello from the history", "<delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:00Z'/>");
    bots.receive("<message type='groupchat' from='" + ROOM + "/alice' to='" + BOT + "'><subject>Welcome</subject>"
        + "</message>");
  }

  private static List<String> bodies(List<Packet> sent) {
    return sent.stream().filter(Message.class::isInstance).map(packet -> ((Message) packet).getBody()).toList();
  }

  @Test
  void joinsAsksForNoHistoryAndIgnoresTheHistoryItsOwnMessagesAndThoseBeforeIt() {
    try (ComponentTester bots = bots()) {
      Presence join = (Presence) bots.nextSent();
      assertThat(join.getFrom().toString()).isEqualTo(BOT);
      assertThat(join.toXML()).contains("<history maxchars=\"0\"").contains(MucXml.MUC);
      enter(bots, "alice", "moderator");
      enter(bots, "helper", "participant", "110");
      say(bots, "alice", "!echo from the history", "<delay xmlns='urn:xmpp:delay' stamp='2026-01-01T00:00:00Z'/>");
      bots.receive("<message type='groupchat' from='" + ROOM + "' to='" + BOT + "'><subject/></message>");
      say(bots, "helper", "hello from myself", "");
      assertThat(bots.nextSent(QUIET)).isNull();

      say(bots, "alice", "!echo it works", "");
      Message answer = (Message) bots.nextSent();
      assertThat(answer.getType()).isEqualTo(Message.Type.groupchat);
      assertThat(answer.getTo().toString()).isEqualTo(ROOM);
      assertThat(answer.getBody()).isEqualTo("it works");
      assertThat(bots.instance(Helper.class).heard).isEmpty();
    }
  }

  @Test
  void knowsItselfByStatus110EvenUnderANickTheRoomChose() {
    try (ComponentTester bots = bots()) {
      bots.nextSent();
      enter(bots, "Helper (bot)", "participant", "110", "210");
      bots.receive("<message type='groupchat' from='" + ROOM + "' to='" + BOT + "'><subject/></message>");
      say(bots, "Helper (bot)", "hello, I am the bot", "");
      assertThat(bots.nextSent(QUIET)).isNull();
      say(bots, "alice", "hello bot", "");
      assertThat(((Message) bots.nextSent()).getBody()).isEqualTo("hello alice");
      Room room = bots.instance(BotRooms.class).of(bots.instance(Helper.class)).get(0);
      assertThat(room.nick()).isEqualTo("Helper (bot)");
      assertThat(room.isJoined()).isTrue();
    }
  }

  @Test
  void aTakenNickFallsBackToTheSuffix() {
    try (ComponentTester bots = bots("mucbot.nick-suffix", "-bot")) {
      bots.nextSent();
      bots.receive("<presence type='error' from='" + ROOM + "/helper' to='" + BOT + "'><x xmlns='" + MucXml.MUC
          + "'/><error type='cancel'><conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
      Presence again = (Presence) bots.nextSent();
      assertThat(again.getTo().toString()).isEqualTo(ROOM + "/helper-bot");
    }
  }

  @Test
  void answersTheGeneratedHelpUsageAndArgumentsByTypeAndHearsArrivalsAfterItJoined() {
    try (ComponentTester bots = bots()) {
      joined(bots);
      assertThat(bots.nextSent(QUIET)).isNull();
      say(bots, "alice", "!help", "");
      assertThat(((Message) bots.nextSent()).getBody()).isEqualTo("""
          Commands:
          !help [command] — lists the commands, or tells what one does
          !add <a> <b> — adds two numbers
          !echo <text> — says the text back""");
      say(bots, "alice", "!add 2 40", "");
      assertThat(((Message) bots.nextSent()).getBody()).isEqualTo("42");
      say(bots, "alice", "!add two 40", "");
      assertThat(((Message) bots.nextSent()).getBody()).isEqualTo("usage: !add <a> <b>");
      enter(bots, "bob", "visitor");
      await(() -> bots.instance(Helper.class).joined.contains("bob visitor"));
      assertThat(bots.instance(Helper.class).joined).containsExactly("bob visitor");
    }
  }

  @Test
  void anOccupantsFloodIsCutAtItsLimitWhileAnotherIsStillAnswered() {
    try (ComponentTester bots = bots("mucbot.occupant-limit", "3", "mucbot.limit-window", "1m")) {
      joined(bots);
      for (int i = 0; i < 10; i++) {
        say(bots, "alice", "!echo " + i, "");
      }
      say(bots, "bob", "!echo bob's turn", "");
      List<String> answers = new ArrayList<>();
      for (Packet packet = bots.nextSent(Duration.ofSeconds(2)); packet != null; packet = bots.nextSent(QUIET)) {
        answers.add(((Message) packet).getBody());
      }
      assertThat(answers).containsExactly("0", "1", "2", "bob's turn");
    }
  }

  @Test
  void invitationsFromLocalUsersAreAcceptedAndOthersDeclined() {
    try (ComponentTester bots = bots()) {
      joined(bots);
      bots.receive("<message from='party@conference.localhost' to='helper@bots.localhost'><x xmlns='"
          + MucXml.MUC_USER + "'><invite from='alice@localhost/phone'><reason>join us</reason></invite>"
          + "<password>cake</password></x></message>");
      Presence join = (Presence) bots.nextSent();
      assertThat(join.getTo().toString()).isEqualTo("party@conference.localhost/helper");
      assertThat(join.toXML()).contains("<password>cake</password>");

      bots.receive("<message from='mallory@elsewhere.example' to='helper@bots.localhost'><x xmlns='"
          + MucXml.CONFERENCE + "' jid='spam@conference.elsewhere.example'/></message>");
      bots.receive("<message from='other@conference.localhost' to='helper@bots.localhost'><x xmlns='"
          + MucXml.MUC_USER + "'><invite from='mallory@elsewhere.example/x'/></x></message>");
      Message decline = (Message) bots.nextSent();
      assertThat(decline.getTo().toString()).isEqualTo("other@conference.localhost");
      assertThat(decline.toXML()).contains("<decline to=\"mallory@elsewhere.example/x\"");
      assertThat(bots.nextSent(QUIET)).isNull();
    }
  }

  @Test
  void aKickIsFinalUnlessRejoiningIsConfigured() {
    try (ComponentTester bots = bots()) {
      joined(bots);
      enter(bots, "helper", "none", "110", "307");
      bots.receive("<presence type='unavailable' from='" + ROOM + "/helper' to='" + BOT + "'><x xmlns='"
          + MucXml.MUC_USER + "'><item role='none'/><status code='110'/><status code='307'/></x></presence>");
      assertThat(bots.nextSent(Duration.ofMillis(500))).isNull();
    }
    try (ComponentTester bots = bots("bot.helper.rejoin-after-kick", "true", "mucbot.rejoin-delay", "100ms")) {
      joined(bots);
      bots.receive("<presence type='unavailable' from='" + ROOM + "/helper' to='" + BOT + "'><x xmlns='"
          + MucXml.MUC_USER + "'><item role='none'/><status code='110'/><status code='307'/></x></presence>");
      Presence again = (Presence) bots.nextSent();
      assertThat(again.getType()).isNull();
      assertThat(again.getTo().toString()).isEqualTo(ROOM + "/helper");
    }
  }

  @Test
  void aForgedInvitationAStatusCodeFromAnOccupantAndALateConflictChangeNothing() {
    try (ComponentTester bots = bots()) {
      joined(bots);
      Room room = bots.instance(BotRooms.class).of(bots.instance(Helper.class)).get(0);
      // an invitation "from a room" that is a user's full JID, naming a local inviter: not a room's
      bots.receive("<message from='mallory@localhost/x' to='helper@bots.localhost'><x xmlns='" + MucXml.MUC_USER
          + "'><invite from='alice@localhost'/></x></message>");
      // an occupant's message with the room's "now logged" status code
      bots.receive("<message type='groupchat' from='" + ROOM + "/alice' to='" + BOT + "'><body>hi</body><x xmlns='"
          + MucXml.MUC_USER + "'><status code='170'/></x></message>");
      assertThat(bots.nextSent(QUIET)).isNull();
      assertThat(room.isLogged()).isFalse();

      room.leave();
      assertThat(((Presence) bots.nextSent()).getType()).isEqualTo(Presence.Type.unavailable);
      bots.receive("<presence type='error' from='" + ROOM + "/helper' to='" + BOT + "'><error type='cancel'>"
          + "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></presence>");
      assertThat(bots.nextSent(QUIET)).as("no join as helper_ after leaving").isNull();
    }
  }

  @Test
  void aDestroyedRoomIsNotRejoined() {
    try (ComponentTester bots = bots("mucbot.rejoin-delay", "100ms")) {
      joined(bots);
      bots.receive("<presence type='unavailable' from='" + ROOM + "/helper' to='" + BOT + "'><x xmlns='"
          + MucXml.MUC_USER + "'><item role='none'/><destroy><reason>closing down</reason></destroy>"
          + "<status code='110'/></x></presence>");
      assertThat(bots.nextSent(Duration.ofMillis(500))).isNull();
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) {
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(condition::getAsBoolean);
  }
}
