package dev.kindling.pubsub.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the nodes other instances change, for several Kindling PubSub instances on one PostgreSQL serving one
 * domain (ejabberd and Openfire share a component domain's traffic among its connections): PostgreSQL's own
 * LISTEN/NOTIFY on a connection of its own, no protocol between the instances. Each change another instance
 * commits names its node, which this instance then reloads, so configuration, affiliations and subscriptions
 * made through one are seen by all, and the instance that takes a publish notifies every subscriber once.
 *
 * <p>If the connection drops, it reconnects and reloads every node, since announcements sent meanwhile are lost.
 */
public final class ClusterListener implements AutoCloseable {
  /** The NOTIFY channel. */
  static final String CHANNEL = "kindling_pubsub";
  private static final Logger LOG = LoggerFactory.getLogger(ClusterListener.class);

  private final String url;
  private final String user;
  private final String password;
  private final String instance;
  private final Consumer<String> changed;
  private final Runnable missed;
  private final Thread thread;
  private volatile boolean closed;
  private volatile Connection connection;

  /**
   * @param instance this instance's id, whose own announcements are ignored
   * @param changed called with the id of each node another instance changed
   * @param missed called after a reconnection, when announcements may have been lost
   */
  public ClusterListener(String url, String user, String password, String instance, Consumer<String> changed,
      Runnable missed) throws SQLException {
    this.url = url;
    this.user = user;
    this.password = password;
    this.instance = instance;
    this.changed = changed;
    this.missed = missed;
    this.connection = listen();
    this.thread = new Thread(this::hearUntilClosed, "kindling-pubsub-cluster");
    thread.setDaemon(true);
    thread.start();
  }

  private Connection listen() throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    // a half-open connection (the database's host gone) is found by TCP keepalive, not left waiting forever
    properties.setProperty("tcpKeepAlive", "true");
    Connection opened = DriverManager.getConnection(url, properties);
    try (Statement statement = opened.createStatement()) {
      statement.execute("LISTEN " + CHANNEL);
    }
    return opened;
  }

  private void hearUntilClosed() {
    while (!closed) {
      try {
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(500);
        if (notifications == null) {
          continue;
        }
        for (PGNotification notification : notifications) {
          String payload = notification.getParameter();
          int space = payload.indexOf(' ');
          if (space > 0 && !payload.substring(0, space).equals(instance)) {
            changed.accept(payload.substring(space + 1));
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        LOG.warn("PubSub: lost the PostgreSQL connection that hears other instances ({}); reconnecting", e.toString());
        reconnect();
      } catch (RuntimeException e) {
        LOG.warn("PubSub: reloading a node another instance changed failed", e);
      }
    }
  }

  private void reconnect() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("PubSub: closing the lost listening connection: {}", e.toString());
    }
    while (!closed) {
      try {
        Thread.sleep(1000);
        connection = listen();
        missed.run();
        LOG.info("PubSub: hearing other instances again");
        return;
      } catch (SQLException | RuntimeException e) {
        LOG.debug("PubSub: cannot hear other instances yet: {}", e.toString());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("PubSub: closing the listening connection: {}", e.toString());
    }
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
