package dev.kindling.mucbot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.EjabberdServer;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.ServerKind;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.muc.packet.GroupChatInvitation;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * Bots in the rooms of the servers' own MUC services, with Smack users: joining, commands and {@code !help}, the
 * history and the bot's own messages ignored, a taken nick, a kick, a server restart, a direct invitation, a
 * flood, and two bots that would answer each other forever.
 */
class MucBotIT {
  private static final AtomicInteger ROOMS = new AtomicInteger();
  private static final Duration QUIET = Duration.ofSeconds(2);

  @RoomBot(nick = "helper")
  static final class Helper {
    @OnCommand(value = "echo", args = "<text>", description = "says the text back")
    String echo(String text) {
      return text;
    }

    @OnGroupMessage(pattern = "(?i)hello.*")
    String greet(Occupant from) {
      return "hello " + from.nick();
    }
  }

  /** Two bots that each answer any message with "ping" in it, the other's included. */
  @RoomBot(nick = "ping")
  static final class Ping {
    @OnGroupMessage(pattern = "(?i).*ping.*")
    String ping() {
      return "ping?";
    }
  }

  @RoomBot(nick = "pong")
  static final class Pong {
    @OnGroupMessage(pattern = "(?i).*ping.*")
    String pong() {
      return "ping!";
    }
  }

  static String room(XmppServer server, String purpose) {
    return purpose + "-" + server.kind().name().toLowerCase() + "-" + ROOMS.incrementAndGet();
  }

  static String roomJid(XmppServer server, String room) {
    return room + "@" + server.mucDomain();
  }

  /** Kindling running {@code bots} as component {@code bots}, with {@code keys} on top of the server's. */
  static Kindling bots(XmppServer server, Map<String, String> keys, Class<?>... bots) throws IOException {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("mucbot.rejoin-delay", "500ms");
    config.putAll(keys);
    Kindling kindling = Kindling.create(KindlingConfig.of(config), new AbstractModule() {
      @Override
      protected void configure() {
        MucBots.bind(binder(), "bots", bots);
      }
    });
    kindling.start();
    return kindling;
  }

  @XmppServerTest
  void joinsItsRoomAnswersACommandAndHelpAndIgnoresTheHistoryAndItself(XmppServer server) throws Exception {
    String room = room(server, "lobby");
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      RoomWatch lobby = RoomWatch.create(alice, room, "alice");
      lobby.say("!echo this is history");
      lobby.say("hello from the history");
      try (Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, room)), Helper.class)) {
        await().atMost(RoomWatch.WAIT).until(() -> lobby.hasOccupant("helper"));
        assertThat(lobby.allUntilQuiet("helper", QUIET)).isEmpty();

        lobby.say("!echo it works");
        assertThat(lobby.next("helper")).isEqualTo("it works");
        lobby.say("!help");
        assertThat(lobby.next("helper")).isEqualTo("Commands:\n!help [command] — lists the commands, or tells what"
            + " one does\n!echo <text> — says the text back");
        lobby.say("hello bot");                 // "hello alice" matches its own pattern: it must not hear itself
        assertThat(lobby.allUntilQuiet("helper", QUIET)).containsExactly("hello alice");
      }
      await().atMost(RoomWatch.WAIT).until(() -> !lobby.hasOccupant("helper"));   // left cleanly on close
    }
  }

  @XmppServerTest
  void aTakenNickFallsBackToTheSuffix(XmppServer server) throws Exception {
    String room = room(server, "taken");
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      RoomWatch taken = RoomWatch.create(alice, room, "helper");
      try (Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, room)), Helper.class)) {
        await().atMost(RoomWatch.WAIT).until(() -> taken.hasOccupant("helper_"));
        taken.say("!echo still answering");
        assertThat(taken.next("helper_")).isEqualTo("still answering");
      }
    }
  }

  @XmppServerTest
  void createsAndConfiguresAMissingRoomOnlyWhenConfiguredTo(XmppServer server) throws Exception {
    String made = room(server, "made");
    String missing = room(server, "missing");
    try (SmackClient alice = SmackClient.login(server, "alice");
         Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, made),
             "bot.helper.create-rooms", "true", "bot.helper.room-config", "muc#roomconfig_roomname=Made by a bot",
             "bot.ping.rooms", roomJid(server, missing)), Helper.class, Ping.class)) {
      MultiUserChatManager manager = MultiUserChatManager.getInstanceFor(alice.connection());
      await().atMost(RoomWatch.WAIT).ignoreExceptions()
          .until(() -> "Made by a bot".equals(manager.getRoomInfo(JidCreate.entityBareFrom(roomJid(server, made)))
              .getName()));
      Room room = kindling.component("bots").injector().getInstance(BotRooms.class)
          .of(kindling.component("bots").injector().getInstance(Helper.class)).get(0);
      assertThat(room.self()).hasValueSatisfying(self -> assertThat(self.affiliation()).isEqualTo(Affiliation.OWNER));

      Room notMade = kindling.component("bots").injector().getInstance(BotRooms.class)
          .of(kindling.component("bots").injector().getInstance(Ping.class)).get(0);
      await().during(Duration.ofSeconds(2)).atMost(RoomWatch.WAIT).until(() -> !notMade.isJoined());
      assertThatThrownBy(() -> manager.getRoomInfo(JidCreate.entityBareFrom(roomJid(server, missing))))
          .isInstanceOf(XMPPException.XMPPErrorException.class);
    }
  }

  @XmppServerTest
  void rejoinsAfterAKickWhenConfigured(XmppServer server) throws Exception {
    String room = room(server, "kick");
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      RoomWatch kick = RoomWatch.create(alice, room, "alice");
      try (Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, room),
          "bot.helper.rejoin-after-kick", "true"), Helper.class)) {
        await().atMost(RoomWatch.WAIT).until(() -> kick.hasOccupant("helper"));
        kick.muc.kickParticipant(Resourcepart.from("helper"), "out you go");
        await().atMost(RoomWatch.WAIT).until(() -> !kick.hasOccupant("helper"));
        await().atMost(RoomWatch.WAIT).until(() -> kick.hasOccupant("helper"));
        kick.say("!echo back");
        assertThat(kick.next("helper")).isEqualTo("back");
      }
    }
  }

  @XmppServerTest
  void rejoinsAfterTheServerRestarts(XmppServer server) throws Exception {
    String room = room(server, "restart");
    try (Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, room),
        "bot.helper.create-rooms", "true"), Helper.class)) {
      try (SmackClient alice = SmackClient.login(server, "alice")) {
        RoomWatch before = RoomWatch.join(alice, server, room, "alice");
        await().atMost(RoomWatch.WAIT).until(() -> before.hasOccupant("helper"));
      }
      server.stop();
      server.start();
      try (SmackClient alice = SmackClient.login(server, "alice")) {
        await().atMost(RoomWatch.WAIT).pollInterval(Duration.ofMillis(500)).until(() -> sees(alice, server, room));
        RoomWatch after = RoomWatch.join(alice, server, room, "alice");
        after.say("!echo after the restart");
        assertThat(after.next("helper")).isEqualTo("after the restart");
      }
    } finally {
      server.start();
    }
  }

  /** Prosody forgets the bot without a word (its admin shell); only the bot's self-ping can notice. */
  @XmppServerTest(ServerKind.PROSODY)
  void noticesASilentDropBySelfPingAndRejoins(XmppServer server) throws Exception {
    String room = room(server, "dropped");
    try (SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob")) {
      RoomWatch dropped = RoomWatch.create(alice, room, "alice");
      try (Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, room),
          "mucbot.self-ping", "1s"), Helper.class)) {
        await().atMost(RoomWatch.WAIT).until(() -> dropped.hasOccupant("helper"));
        ((ProsodyServer) server).forgetOccupant(roomJid(server, room), "helper");
        RoomWatch bobs = RoomWatch.join(bob, server, room, "bob");
        assertThat(bobs.hasOccupant("helper")).isFalse();                 // gone, and the bot was not told
        await().atMost(RoomWatch.WAIT).until(() -> bobs.hasOccupant("helper"));
        bobs.say("!echo found my way back");
        assertThat(bobs.next("helper")).isEqualTo("found my way back");
      }
    }
  }

  /**
   * ejabberd's MUC service restarts alone and tells its occupants (332): the bot rejoins after its delay. (Prosody
   * keeps its occupants across a reload of its MUC module; its silent drop is the test above.)
   */
  @XmppServerTest(ServerKind.EJABBERD)
  void rejoinsWhenTheMucServiceRestarts(XmppServer server) throws Exception {
    String room = room(server, "mucrestart");
    try (SmackClient bob = SmackClient.login(server, "bob");
         Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, room),
             "bot.helper.create-rooms", "true"), Helper.class)) {
      await().atMost(RoomWatch.WAIT).pollInterval(Duration.ofMillis(500)).until(() -> sees(bob, server, room));
      ((EjabberdServer) server).restartMucService();
      await().atMost(RoomWatch.WAIT).pollInterval(Duration.ofMillis(500)).until(() -> sees(bob, server, room));
      RoomWatch after = RoomWatch.join(bob, server, room, "bob");
      after.say("!echo after the MUC restart");
      assertThat(after.next("helper")).isEqualTo("after the MUC restart");
    }
  }

  /** Whether the bot is in {@code room} as {@code user} sees it when entering it now. */
  private static boolean sees(SmackClient user, XmppServer server, String room) throws Exception {
    RoomWatch look = RoomWatch.join(user, server, room, "look");
    boolean there = look.hasOccupant("helper");
    look.leave();
    return there;
  }

  @XmppServerTest
  void acceptsADirectInvitationFromALocalUser(XmppServer server) throws Exception {
    String room = room(server, "party");
    try (SmackClient alice = SmackClient.login(server, "alice");
         Kindling kindling = bots(server, Map.of(), Helper.class)) {
      RoomWatch party = RoomWatch.create(alice, room, "alice");
      GroupChatInvitation invitation = new GroupChatInvitation(roomJid(server, room));
      alice.connection().sendStanza(MessageBuilder.buildMessage().to(JidCreate.from("helper@bots." + server.domain()))
          .addExtension(invitation).build());
      await().atMost(RoomWatch.WAIT).until(() -> party.hasOccupant("helper"));
      party.say("!echo thanks for having me");
      assertThat(party.next("helper")).isEqualTo("thanks for having me");
    }
  }

  @XmppServerTest
  void aFloodFromOneOccupantIsCutWhileAnotherIsAnswered(XmppServer server) throws Exception {
    String room = room(server, "flood");
    try (SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob")) {
      RoomWatch flood = RoomWatch.create(alice, room, "alice");
      RoomWatch bobs = RoomWatch.join(bob, server, room, "bob");
      try (Kindling kindling = bots(server, Map.of("bot.helper.rooms", roomJid(server, room),
          "mucbot.occupant-limit", "5", "mucbot.limit-window", "1m"), Helper.class)) {
        await().atMost(RoomWatch.WAIT).until(() -> flood.hasOccupant("helper"));
        for (int i = 0; i < 20; i++) {
          flood.say("!echo alice " + i);
        }
        assertThat(flood.allUntilQuiet("helper", QUIET)).containsExactly("alice 0", "alice 1", "alice 2", "alice 3",
            "alice 4");
        bobs.say("!echo bob");
        assertThat(bobs.allUntilQuiet("helper", QUIET)).contains("bob");
      }
    }
  }

  @XmppServerTest
  void twoBotsAnsweringEachOtherStopAtTheirLimits(XmppServer server) throws Exception {
    String room = room(server, "loop");
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      RoomWatch loop = RoomWatch.create(alice, room, "alice");
      try (Kindling kindling = bots(server, Map.of("bot.ping.rooms", roomJid(server, room), "bot.pong.rooms",
          roomJid(server, room), "mucbot.occupant-limit", "3", "mucbot.limit-window", "1m"), Ping.class,
          Pong.class)) {
        await().atMost(RoomWatch.WAIT).until(() -> loop.hasOccupant("ping") && loop.hasOccupant("pong"));
        loop.say("ping");
        List<String> fromPing = loop.allUntilQuiet("ping", Duration.ofSeconds(3));
        // each answers alice once and the other bot 3 times (its limit per occupant), then stays silent
        assertThat(fromPing).hasSizeBetween(2, 4);
        loop.say("anyone there? ping");              // alice is still answered: the limit is per occupant
        assertThat(loop.next("pong")).isEqualTo("ping!");
      }
    }
  }
}
