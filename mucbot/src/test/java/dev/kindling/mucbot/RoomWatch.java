package dev.kindling.mucbot;

import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

/** A Smack user in a room, with the room's messages as they arrive: what the bot ITs look through. */
final class RoomWatch {
  static final Duration WAIT = Duration.ofSeconds(20);

  final MultiUserChat muc;
  private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

  private RoomWatch(MultiUserChat muc) {
    this.muc = muc;
    muc.addMessageListener(messages::add);
  }

  /** {@code user} creates {@code room} (instant) and stays in it as {@code nick}. */
  static RoomWatch create(SmackClient user, String room, String nick) throws IOException, InterruptedException {
    return new RoomWatch(user.createRoom(room, nick));
  }

  /** {@code user} joins the existing {@code room} as {@code nick}, asking for no history. */
  static RoomWatch join(SmackClient user, XmppServer server, String room, String nick) throws Exception {
    EntityBareJid address = JidCreate.entityBareFrom(room + "@" + server.mucDomain());
    MultiUserChat muc = MultiUserChatManager.getInstanceFor(user.connection()).getMultiUserChat(address);
    RoomWatch watch = new RoomWatch(muc);
    muc.join(muc.getEnterConfigurationBuilder(Resourcepart.from(nick)).requestNoHistory().build());
    return watch;
  }

  void say(String body) throws SmackException.NotConnectedException, InterruptedException {
    muc.sendMessage(body);
  }

  /** The next message from {@code nick}; fails after {@link #WAIT}. */
  String next(String nick) throws InterruptedException {
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      Message message = messages.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (message != null && message.getBody() != null && nick.equals(resource(message))) {
        return message.getBody();
      }
    }
    throw new AssertionError("no message from " + nick + " in " + muc.getRoom() + " within " + WAIT);
  }

  /** Every message with a body from {@code nick} that arrives until the room has been quiet for {@code quiet}. */
  List<String> allUntilQuiet(String nick, Duration quiet) throws InterruptedException {
    List<String> bodies = new ArrayList<>();
    long end = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < end) {
      Message message = messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
      if (message == null) {
        return bodies;
      }
      if (message.getBody() != null && nick.equals(resource(message))) {
        bodies.add(message.getBody());
      }
    }
    throw new AssertionError("room " + muc.getRoom() + " was never quiet for " + quiet + " within " + WAIT);
  }

  /** Whether {@code nick} is in the room as this user sees it. */
  boolean hasOccupant(String nick) {
    return muc.getOccupants().stream().anyMatch(jid -> jid.getResourcepart().toString().equals(nick));
  }

  private static String resource(Message message) {
    return message.getFrom() == null || message.getFrom().getResourceOrNull() == null ? null
        : message.getFrom().getResourceOrNull().toString();
  }

  /** Leaves the room. */
  void leave() throws XMPPException, SmackException, InterruptedException {
    muc.leave();
  }
}
