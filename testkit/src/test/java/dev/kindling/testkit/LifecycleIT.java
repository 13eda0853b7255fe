package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.kindling.connection.ConnectionState;
import dev.kindling.handler.Identity;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.PresenceHandler;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.lifecycle.ComponentService;
import dev.kindling.lifecycle.ConnectionEvents;
import dev.kindling.lifecycle.ServiceStartException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dom4j.Element;
import org.xmpp.packet.JID;
import org.xmpp.packet.Presence;

/** Services started and stopped around a real connection, and connection events after a server restart. */
class LifecycleIT {
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** A resource a service owns: a listening socket, open from start to stop. */
  @Singleton
  static final class Listener implements ComponentService {
    volatile ServerSocket socket;

    @Override
    public void start() throws IOException {
      socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    }

    @Override
    public void stop() throws IOException {
      socket.close();
    }
  }

  /** Refuses to start, as a service whose database is down would. */
  @Singleton
  static final class Refusing implements ComponentService {
    @Override
    public void start() throws IOException {
      throw new IOException("database at 127.0.0.1:1 refused the connection");
    }
  }

  @Identity(category = "component", type = "generic", name = "Lifecycle")
  static final class Component {}

  private static boolean accepts(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @XmppServerTest
  void aResourceOpenedAtStartIsOpenWhileConnectedAndClosedAtStop(XmppServer server) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(server.kindlingConfig()), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).service(Listener.class).add("test1", Component.class);
      }
    });
    Listener listener = kindling.component("test1").injector().getInstance(Listener.class);
    assertThat(listener.socket).isNull();

    kindling.start();
    int port = listener.socket.getLocalPort();
    assertThat(kindling.connection("test1").state()).isEqualTo(ConnectionState.AUTHENTICATED);
    assertThat(accepts(port)).isTrue();

    kindling.close();
    assertThat(kindling.connection("test1").state()).isEqualTo(ConnectionState.CLOSED);
    assertThat(listener.socket.isClosed()).isTrue();
    assertThat(accepts(port)).isFalse();
  }

  @XmppServerTest
  void aServiceThatFailsToStartStopsTheOthersAndNoComponentConnects(XmppServer server) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(server.kindlingConfig()), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).service(Listener.class).service(Refusing.class).add("test1", Component.class);
      }
    });
    Listener listener = kindling.component("test1").injector().getInstance(Listener.class);

    assertThatThrownBy(kindling::start).isInstanceOf(ServiceStartException.class)
        .hasMessage("service Refusing failed to start: database at 127.0.0.1:1 refused the connection");

    assertThat(listener.socket.isClosed()).isTrue();
    assertThat(kindling.connection("test1").state()).isEqualTo(ConnectionState.CLOSED);
  }

  /** Rejoins its room each time the component is authenticated, and records the room's answers. */
  @Identity(category = "component", type = "generic", name = "Rejoiner")
  static final class Rejoiner {
    final List<ConnectionState> events = new CopyOnWriteArrayList<>();
    final List<String> selfPresences = new CopyOnWriteArrayList<>();

    @Inject
    Rejoiner(ConnectionEvents connection, Outbound outbound, XmppServer server) {
      connection.listen((state, cause) -> {
        events.add(state);
        if (state == ConnectionState.AUTHENTICATED) {
          Presence join = new Presence();
          join.setFrom(new JID("bot@" + outbound.jid().getDomain() + "/Bot"));
          join.setTo(new JID("rejoin@" + server.mucDomain() + "/Bot"));
          join.addChildElement("x", "http://jabber.org/protocol/muc");
          outbound.send(join);
        }
      });
    }

    /** The room's presence for the bot itself carries status 110 (XEP-0045 §7.2.2). */
    @PresenceHandler(namespace = "http://jabber.org/protocol/muc#user")
    void occupant(Presence presence, Element mucUser) {
      boolean self = mucUser.elements("status").stream().anyMatch(status -> "110".equals(status.attributeValue("code")));
      if (self) {
        selfPresences.add(presence.getFrom().toString());
      }
    }
  }

  @XmppServerTest
  void connectionEventsLetAComponentRejoinItsRoomAfterTheServerRestarts(XmppServer server) throws Exception {
    try (Kindling kindling = Kindling.create(KindlingConfig.of(server.kindlingConfig()), new AbstractModule() {
      @Override
      protected void configure() {
        bind(XmppServer.class).toInstance(server);
        Components.bind(binder()).add("test2", Rejoiner.class);
      }
    })) {
      kindling.start();
      Rejoiner rejoiner = kindling.component("test2").injector().getInstance(Rejoiner.class);
      await().atMost(WAIT).until(() -> rejoiner.selfPresences.size() == 1);

      server.stop();
      await().atMost(WAIT).until(() -> rejoiner.events.contains(ConnectionState.DISCONNECTED));
      server.start();

      await().atMost(WAIT).until(() -> rejoiner.selfPresences.size() == 2);
      assertThat(rejoiner.events).containsExactly(ConnectionState.AUTHENTICATED, ConnectionState.DISCONNECTED,
          ConnectionState.AUTHENTICATED);
      assertThat(rejoiner.selfPresences).containsOnly("rejoin@" + server.mucDomain() + "/Bot");
    } finally {
      server.start();
    }
  }
}
