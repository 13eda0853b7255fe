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
import org.jxmpp.jid.Jid;

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
    SmackClient.class.getClassLoader()
        .setClassAssertionStatus("org.jivesoftware.smack.parsing.StandardExtensionElementProvider", false);
  }

  private final XMPPTCPConnection connection;

  private SmackClient(XMPPTCPConnection connection) {
    this.connection = connection;
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
      return new SmackClient(connection);
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

  /** The Smack connection, for everything Smack offers. */
  public XMPPTCPConnection connection() {
    return connection;
  }

  @Override
  public void close() {
    connection.disconnect();
  }
}
