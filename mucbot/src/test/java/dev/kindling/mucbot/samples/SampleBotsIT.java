package dev.kindling.mucbot.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.pubsub.PubSubModule;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.junit.jupiter.api.io.TempDir;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/**
 * The sample bots as an operator runs them (component {@code mucbot}, beside Kindling's PubSub service), used by
 * Smack users in a room: {@code !roll}, {@code !seen} across a restart, {@code !uptime}, and the bridge posting
 * an item a user publishes, also after a restart.
 */
class SampleBotsIT {
  private static final AtomicInteger ROOMS = new AtomicInteger();
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir
  Path dataDir;

  private Kindling start(XmppServer server, String room) throws IOException {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("data-dir", dataDir.toString());
    config.put("bot.helper.rooms", room);
    config.put("bot.bridge.rooms", room);
    Kindling kindling = Kindling.create(KindlingConfig.of(config), new PubSubModule(), new SampleBotsModule());
    kindling.start();
    return kindling;
  }

  /** A user's view of a room: every message with a body, as it arrives. */
  private static BlockingQueue<Message> messages(MultiUserChat room) {
    BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    room.addMessageListener(message -> {
      if (message.getBody() != null) {
        messages.add(message);
      }
    });
    return messages;
  }

  private static String next(BlockingQueue<Message> messages, String nick) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      Message message = messages.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (message != null && message.getFrom().getResourceOrEmpty().toString().equals(nick)) {
        return message.getBody();
      }
    }
    throw new AssertionError("no message from " + nick + " within " + WAIT);
  }

  private static boolean present(MultiUserChat room, String nick) {
    return room.getOccupants().stream().anyMatch(jid -> jid.getResourcepart().toString().equals(nick));
  }

  @XmppServerTest
  void theCommandBotRollsRemembersWhoItSawAcrossARestartAndTellsItsUptime(XmppServer server) throws Exception {
    String name = "samples-" + server.kind().name().toLowerCase() + "-" + ROOMS.incrementAndGet();
    String room = name + "@" + server.mucDomain();
    try (SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob")) {
      MultiUserChat lobby = alice.createRoom(name, "alice");
      BlockingQueue<Message> seen = messages(lobby);
      try (Kindling kindling = start(server, room)) {
        await().atMost(WAIT).until(() -> present(lobby, "helper") && present(lobby, "bridge"));
        lobby.sendMessage("!roll 2d6");
        assertThat(next(seen, "helper")).matches("alice rolled 2d6: ([2-9]|1[0-2]) \\([1-6] \\+ [1-6]\\)");
        lobby.sendMessage("!roll lots");
        assertThat(next(seen, "helper")).isEqualTo("!roll: 'lots' is not dice; try 2d6");
        lobby.sendMessage("!uptime");
        assertThat(next(seen, "helper")).matches("up \\d+ s");

        MultiUserChat bobs = org.jivesoftware.smackx.muc.MultiUserChatManager.getInstanceFor(bob.connection())
            .getMultiUserChat(JidCreate.entityBareFrom(room));
        bobs.join(Resourcepart.from("bob"));
        bobs.sendMessage("hi all, brb");
        bobs.leave();
        await().atMost(WAIT).until(() -> !present(lobby, "bob"));
        lobby.sendMessage("!seen bob");
        assertThat(next(seen, "helper")).matches("bob was last seen here \\d+ s ago");
      }
      try (Kindling again = start(server, room)) {
        await().atMost(WAIT).until(() -> present(lobby, "helper"));
        lobby.sendMessage("!seen bob");
        assertThat(next(seen, "helper")).matches("bob was last seen here \\d+ s ago");
        lobby.sendMessage("!seen nobody");
        assertThat(next(seen, "helper")).isEqualTo("I have not seen nobody here");
      }
    }
  }

  /** As an operator runs them: {@code components=mucbot} and the rooms, no module named. */
  @XmppServerTest
  void configurationAloneRunsTheSampleBots(XmppServer server) throws Exception {
    String name = "ready-" + server.kind().name().toLowerCase() + "-" + ROOMS.incrementAndGet();
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("components", "mucbot");
    config.put("data-dir", dataDir.toString());
    config.put("bot.helper.rooms", name + "@" + server.mucDomain());
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      MultiUserChat ready = alice.createRoom(name, "alice");
      BlockingQueue<Message> said = messages(ready);
      try (Kindling kindling = Kindling.create(KindlingConfig.of(config))) {
        kindling.start();
        await().atMost(WAIT).until(() -> present(ready, "helper"));
        ready.sendMessage("!help roll");
        assertThat(next(said, "helper")).isEqualTo("!roll <dice> — rolls dice: 2d6, d20, 3d8+2");
      }
    }
  }

  @XmppServerTest
  void theBridgePostsEachNewItemOfASubscribedNodeAlsoAfterARestart(XmppServer server) throws Exception {
    String name = "bridge-" + server.kind().name().toLowerCase() + "-" + ROOMS.incrementAndGet();
    String room = name + "@" + server.mucDomain();
    try (SmackClient alice = SmackClient.login(server, "alice")) {
      MultiUserChat news = alice.createRoom(name, "alice");
      BlockingQueue<Message> said = messages(news);
      try (Kindling kindling = start(server, room)) {
        await().atMost(WAIT).until(() -> present(news, "bridge"));
        PubSubManager pubsub = PubSubManager.getInstanceFor(alice.connection(),
            JidCreate.bareFrom(server.componentDomain("pubsub")));
        LeafNode node = (LeafNode) pubsub.createNode(name);
        news.sendMessage("!subscribe " + name);
        assertThat(next(said, "bridge")).isEqualTo("new items of " + name + " on "
            + server.componentDomain("pubsub") + " will be posted here");
        node.publish(new PayloadItem<>("r1", new SimplePayload(
            "<entry xmlns='http://www.w3.org/2005/Atom'><title>Release 1.0 is out</title></entry>")));
        assertThat(next(said, "bridge")).isEqualTo("[" + name + "] Release 1.0 is out");
      }
      try (Kindling again = start(server, room)) {
        await().atMost(WAIT).until(() -> present(news, "bridge"));
        LeafNode node = PubSubManager.getInstanceFor(alice.connection(),
            JidCreate.bareFrom(server.componentDomain("pubsub"))).getLeafNode(name);
        node.publish(new PayloadItem<>("r2", new SimplePayload("<note xmlns='urn:example:notes'>  Release 1.1\n"
            + "   is out too </note>")));
        assertThat(next(said, "bridge")).isEqualTo("[" + name + "] Release 1.1 is out too");
      }
    }
  }
}
