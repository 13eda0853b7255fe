package dev.kindling.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.kindling.connection.ConnectionState;
import dev.kindling.dispatch.HandlerRegistrationException;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.Outbound;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.ComponentTester;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

class LifecycleTest {
  /** What happened, in order, across the fixtures of one test. */
  @Singleton
  static final class Journal {
    final List<String> events = new CopyOnWriteArrayList<>();
  }

  @Identity(category = "component", type = "generic")
  static final class First implements ComponentService {
    private final Journal journal;

    @Inject
    First(Journal journal) {
      this.journal = journal;
    }

    @IqHandler(element = "query", namespace = "urn:test:first")
    void query() {
      journal.events.add("stanza");
    }

    @Override
    public void start() {
      journal.events.add("start first");
    }

    @Override
    public void stop() {
      journal.events.add("stop first");
    }
  }

  static final class Second implements ComponentService {
    private final Journal journal;
    private final Outbound outbound;

    @Inject
    Second(Journal journal, Outbound outbound) {
      this.journal = journal;
      this.outbound = outbound;
    }

    @Override
    public void start() {
      journal.events.add("start second");
    }

    @Override
    public void closing() {
      journal.events.add("closing second");
      Presence goodbye = new Presence(Presence.Type.unavailable);
      goodbye.setTo(new JID("room@conference.localhost/Bot"));
      outbound.send(goodbye);
    }

    @Override
    public void stop() {
      journal.events.add("stop second");
    }
  }

  static final class Failing implements ComponentService {
    @Override
    public void start() throws IOException {
      throw new IOException("cannot bind 127.0.0.1:7777: address in use");
    }
  }

  /** A resource a module binds as a singleton, closed by Kindling at the end. */
  @Singleton
  static final class Pool implements AutoCloseable {
    private final Journal journal;

    @Inject
    Pool(Journal journal) {
      this.journal = journal;
    }

    @Override
    public void close() {
      journal.events.add("close pool");
    }
  }

  @Identity(category = "component", type = "generic")
  static final class UsesPool {
    @Inject
    UsesPool(Pool pool) {}

    @IqHandler(element = "query", namespace = "urn:test:pool")
    void query() {}
  }

  @Test
  void componentServicesStartBeforeTheFirstStanzaAndStopInReverseAfterTheDrain() {
    Journal journal;
    ComponentTester closed;
    try (ComponentTester tester = ComponentTester.of(First.class, Second.class).build()) {
      closed = tester;
      journal = tester.instance(Journal.class);
      tester.iq("<iq type='get' id='q1' from='alice@localhost/r' to='component.localhost'>"
          + "<query xmlns='urn:test:first'/></iq>");
    }
    assertThat(journal.events).containsExactly("start first", "start second", "stanza", "closing second",
        "stop second", "stop first");
    assertThat(closed.drainSent()).singleElement().satisfies(goodbye ->
        assertThat(goodbye.toXML()).contains("type=\"unavailable\"").contains("room@conference.localhost/Bot"));
  }

  @Test
  void aServiceThatFailsToStartStopsTheOnesStartedAndSaysWhichOneFailedAndWhy() {
    Journal journal = new Journal();
    assertThatThrownBy(() -> ComponentTester.of(First.class, Failing.class).modules(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Journal.class).toInstance(journal);
      }
    }).build())
        .isInstanceOf(ServiceStartException.class)
        .hasMessage("Failing of component tested failed to start: cannot bind 127.0.0.1:7777: address in use");
    assertThat(journal.events).containsExactly("start first", "stop first");
  }

  @Test
  void autoCloseableSingletonsGuiceMadeAreClosedAtShutdownButNotInstancesBoundByHand() {
    Journal journal = new Journal();
    Pool byHand = new Pool(journal);
    try (ComponentTester tester = ComponentTester.of(UsesPool.class).modules(new AbstractModule() {
      @Override
      protected void configure() {
        bind(Journal.class).toInstance(journal);
        bind(AutoCloseable.class).toInstance(byHand);
      }
    }).build()) {
      assertThat(tester.instance(AutoCloseable.class)).isSameAs(byHand);
      assertThat(journal.events).isEmpty();
    }
    assertThat(journal.events).containsExactly("close pool");
  }

  @Identity(category = "component", type = "generic")
  static final class Rejoiner {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Inject
    Rejoiner(ConnectionEvents events, Outbound outbound) {
      events.listen((state, cause) -> {
        heard.add(state + (cause == null ? "" : " " + cause.getMessage()) + " on " + Thread.currentThread().getName());
        if (state == ConnectionState.AUTHENTICATED) {
          Message join = new Message();
          join.setTo(new JID("room@conference.localhost/bot"));
          join.setBody("back");
          outbound.send(join);
        }
      });
    }
  }

  @Test
  void connectionEventsReachListenersInOrderOnTheEventThread() {
    Rejoiner rejoiner;
    try (ComponentTester tester = ComponentTester.of(Rejoiner.class).build()) {
      rejoiner = tester.instance(Rejoiner.class);
      assertThat(tester.nextSent().getTo()).isEqualTo(new JID("room@conference.localhost/bot"));

      tester.connectionEvent(ConnectionState.DISCONNECTED, new IOException("server restarted"));
      tester.connectionEvent(ConnectionState.AUTHENTICATED, null);

      assertThat(((Message) tester.nextSent()).getBody()).isEqualTo("back");
    }
    await().until(() -> rejoiner.heard.size() == 4);
    assertThat(rejoiner.heard).containsExactly("AUTHENTICATED on kindling-events-tested",
        "DISCONNECTED server restarted on kindling-events-tested", "AUTHENTICATED on kindling-events-tested",
        "CLOSED on kindling-events-tested");
  }

  /** A handler nothing can create: the second component of the process fails to build. */
  @Identity(category = "component", type = "generic")
  static final class Unbuildable {
    @Inject
    Unbuildable(Runnable nobodyBindsThis) {}

    @IqHandler(element = "query", namespace = "urn:test:never")
    IQ never(IQ request) {
      return request;
    }
  }

  @Test
  void whenOneComponentCannotBeBuiltTheOnesBuiltBeforeAreReleased() {
    Journal journal = new Journal();
    assertThatThrownBy(() -> Kindling.create(KindlingConfig.of(Map.of("secret", "s", "server-domain", "localhost")),
        new AbstractModule() {
          @Override
          protected void configure() {
            bind(Journal.class).toInstance(journal);
            Components.bind(binder()).add("first", UsesPool.class).add("second", Unbuildable.class);
          }
        }))
        .isInstanceOf(HandlerRegistrationException.class)
        .hasMessageContaining("Unbuildable: Guice cannot create it: No implementation for java.lang.Runnable was bound");
    assertThat(journal.events).containsExactly("close pool");
  }
}
