package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.parts.Resourcepart;

/** Rooms a test client creates on each server's MUC service, as later MUC tests need them. */
class MucRoomIT {
  private static MultiUserChat roomFor(SmackClient client, MultiUserChat room) {
    return MultiUserChatManager.getInstanceFor(client.connection()).getMultiUserChat(room.getRoom());
  }

  @XmppServerTest
  void bobJoinsAnInstantRoomAliceCreatedAndReceivesHerMessage(XmppServer server) throws Exception {
    try (SmackClient alice = SmackClient.login(server, "alice"); SmackClient bob = SmackClient.login(server, "bob")) {
      MultiUserChat created = alice.createRoom("lunch", "Alice");
      MultiUserChat joined = roomFor(bob, created);
      BlockingQueue<Message> bobsMessages = new LinkedBlockingQueue<>();
      joined.addMessageListener(message -> {
        if (message.getBody() != null) {
          bobsMessages.add(message);
        }
      });

      joined.join(Resourcepart.from("Bob"));
      created.sendMessage("Lunch at noon");

      Message received = bobsMessages.poll(10, TimeUnit.SECONDS);
      assertThat(created.getRoom().toString()).isEqualTo("lunch@" + server.mucDomain());
      assertThat(received).as("bob's groupchat message").isNotNull();
      assertThat(received.getType()).isEqualTo(Message.Type.groupchat);
      assertThat(received.getFrom().toString()).isEqualTo("lunch@" + server.mucDomain() + "/Alice");
      assertThat(received.getBody()).isEqualTo("Lunch at noon");
    }
  }

  @XmppServerTest
  void aRoomCreatedMembersOnlyRefusesBob(XmppServer server) throws Exception {
    try (SmackClient alice = SmackClient.login(server, "alice"); SmackClient bob = SmackClient.login(server, "bob")) {
      MultiUserChat created = alice.createRoom("board", "Alice", form -> form.makeMembersOnly());

      assertThatThrownBy(() -> roomFor(bob, created).join(Resourcepart.from("Bob")))
          .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e -> assertThat(
              e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.registration_required));
    }
  }

  @XmppServerTest
  void creatingARoomThatExistsFailsNamingIt(XmppServer server) throws Exception {
    try (SmackClient alice = SmackClient.login(server, "alice"); SmackClient bob = SmackClient.login(server, "bob")) {
      alice.createRoom("taken", "Alice");

      assertThatThrownBy(() -> bob.createRoom("taken", "Bob"))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageStartingWith("room taken@" + server.mucDomain() + " exists already on " + server);
    }
  }
}
