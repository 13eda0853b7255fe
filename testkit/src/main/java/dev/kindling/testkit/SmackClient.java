package dev.kindling.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.MucConfigFormManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatException;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * A real XMPP client (Smack 4.4) logged in to a test server as one of its users, over plain TCP on loopback.
 * Close it to disconnect.
 *
 * <p>With assertions on, as Surefire and Failsafe run tests, Smack 4.4.8's parser of elements it has no provider
 * for (a {@code StandardExtensionElement}, such as an application error condition) fails an {@code assert} on
 * every default namespace declaration the JDK's StAX parser reports with an empty prefix, and its reader thread
 * dies. Creating a client first switches that one class's assertions off, as they are in production.
 */
public final class SmackClient implements AutoCloseable {
  private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

  static {
    // Smack 4.4.8 parses an extension element it has no provider for (Prosody's MUC adds <occupant-id/>, a bounced
    // error its text, a pubsub#errors condition) with an assert that a namespace prefix is null or not empty; its
    // StAX parser gives "" for a default namespace. Under -ea (Surefire's and Failsafe's default) the AssertionError
    // killed Smack's reader thread, and every later answer timed out. Smack's asserts are off for classes
    // initialised from here on.
    XMPPTCPConnection.class.getClassLoader().setPackageAssertionStatus("org.jivesoftware.smack", false);
  }

  private final XMPPTCPConnection connection;
  private final XmppServer server;

  private SmackClient(XMPPTCPConnection connection, XmppServer server) {
    this.connection = connection;
    this.server = server;
  }

  /**
   * Fills in a new room's configuration form (XEP-0045 §10.1.3) before {@link #createRoom(String, String,
   * RoomConfiguration)} submits it.
   */
  @FunctionalInterface
  public interface RoomConfiguration {
    /**
     * Sets the options of the room on {@code form} (do not submit it).
     *
     * @throws MultiUserChatException.MucConfigurationNotSupportedException if the server lacks an option
     */
    void configure(MucConfigFormManager form) throws MultiUserChatException.MucConfigurationNotSupportedException;
  }

  /**
   * Connects and logs in as the test user {@code username} of {@code server}, with resource {@code test}.
   *
   * @throws IOException if the connection or login fails
   */
  public static SmackClient login(XmppServer server, String username) throws IOException {
    return login(server, username, "test");
  }

  /**
   * Connects and logs in as the test user {@code username} with {@code resource}: several clients of one user are
   * several senders.
   *
   * @throws IOException if the connection or login fails
   */
  public static SmackClient login(XmppServer server, String username, String resource) throws IOException {
    TestUser user = server.user(username);
    try {
      XMPPTCPConnectionConfiguration configuration = XMPPTCPConnectionConfiguration.builder()
          .setXmppDomain(server.domain())
          .setHostAddress(InetAddress.getByName(server.host()))
          .setPort(server.clientPort())
          .setSecurityMode(SecurityMode.disabled)
          .setUsernameAndPassword(user.username(), user.password())
          .setResource(resource)
          .build();
      XMPPTCPConnection connection = new XMPPTCPConnection(configuration);
      connection.setReplyTimeout(REPLY_TIMEOUT.toMillis());
      try {
        connection.connect().login();
      } catch (SmackException | XMPPException | IOException | InterruptedException e) {
        connection.disconnect();
        throw e;
      }
      return new SmackClient(connection, server);
    } catch (SmackException | XMPPException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new IOException(user.jid() + " could not log in to " + server + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends a chat message with {@code body} to {@code to} and returns the next message from {@code to} (of any
   * type, so that an error comes back too).
   *
   * @throws IOException if none arrives within the reply timeout
   */
  public Message chat(Jid to, String body) throws IOException, InterruptedException {
    StanzaCollector replies = connection.createStanzaCollector(
        new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(to)));
    try {
      connection.sendStanza(MessageBuilder.buildMessage().to(to).ofType(Message.Type.chat).setBody(body).build());
      return replies.nextResultOrThrow(REPLY_TIMEOUT.toMillis());
    } catch (SmackException | XMPPException e) {
      throw new IOException("no answer from " + to + " to '" + body + "': " + e.getMessage(), e);
    } finally {
      replies.cancel();
    }
  }

  /**
   * Creates the room {@code room} on the server's MUC service ({@link XmppServer#mucDomain()}) as an instant room
   * (XEP-0045 §10.1.2: the owner accepts the default configuration, which unlocks the room), entered with
   * {@code nick}. The room exists for others to join as soon as this returns, and lasts while it has occupants.
   *
   * @return the room, joined, for Smack's {@code MultiUserChat} operations
   * @throws IOException if the room exists already or the server refuses it
   * @throws IllegalArgumentException if {@code room} is not a JID local part or {@code nick} not a resource
   */
  public MultiUserChat createRoom(String room, String nick) throws IOException, InterruptedException {
    return createRoom(room, nick, null);
  }

  /**
   * Creates the room {@code room} as {@link #createRoom(String, String)} does, but with the configuration
   * {@code configuration} writes into the owner's form (XEP-0045 §10.1.3), submitted before this returns.
   *
   * @return the room, joined and configured
   * @throws IOException if the room exists already, the server refuses it or lacks a configured option
   */
  public MultiUserChat createRoom(String room, String nick, RoomConfiguration configuration)
      throws IOException, InterruptedException {
    EntityBareJid address;
    Resourcepart nickname;
    try {
      address = JidCreate.entityBareFrom(room + "@" + server.mucDomain());
      nickname = Resourcepart.from(nick);
    } catch (XmppStringprepException e) {
      throw new IllegalArgumentException("room '" + room + "' with nick '" + nick + "' is not a valid occupant JID: "
          + e.getMessage(), e);
    }
    MultiUserChat chat = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(address);
    try {
      MultiUserChat.MucCreateConfigFormHandle created = chat.create(nickname);
      if (configuration == null) {
        created.makeInstant();
      } else {
        MucConfigFormManager form = created.getConfigFormManager();
        configuration.configure(form);
        form.submitConfigurationForm();
      }
      return chat;
    } catch (MultiUserChatException.MissingMucCreationAcknowledgeException e) {
      throw new IOException("room " + address + " exists already on " + server
          + " (the server did not acknowledge its creation)", e);
    } catch (SmackException | XMPPException e) {
      throw new IOException("cannot create room " + address + " as " + nick + " on " + server + ": "
          + e.getMessage(), e);
    }
  }

  /** The Smack connection, for everything Smack offers. */
  public XMPPTCPConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
