package dev.kindling.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.handler.StanzaErrorException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

class CommandSessionsTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 200;

  private final Clock clock = Clock.fixed(Instant.parse("2026-11-27T12:00:00Z"), ZoneOffset.UTC);
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Registers one session per requester, all at once; returns how many were accepted. */
  private int registerAtOnce(CommandSessions sessions, IntFunction<JID> requester) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      CommandSessions.Session session = sessions.create(requester.apply(i), "node");
      results.add(pool.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        try {
          sessions.register(session);
          return true;
        } catch (StanzaErrorException e) {
          assertThat(e.condition()).isEqualTo(PacketError.Condition.resource_constraint);
          return false;
        }
      }));
    }
    start.countDown();
    int accepted = 0;
    for (Future<Boolean> result : results) {
      accepted += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
    }
    return accepted;
  }

  @Test
  void concurrentRegistrationsNeverExceedTheTotalCap() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      CommandSessions sessions = new CommandSessions(clock, Duration.ofMinutes(1), 5);

      int accepted = registerAtOnce(sessions, i -> new JID("user" + i + "@localhost/r"));

      assertThat(accepted).as("round %d", round).isEqualTo(5);
      assertThat(sessions.size()).as("round %d", round).isEqualTo(5);
    }
  }

  @Test
  void concurrentRegistrationsOfOneRequesterNeverExceedItsCap() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      CommandSessions sessions = new CommandSessions(clock, Duration.ofMinutes(1), 1000);

      int accepted = registerAtOnce(sessions, i -> new JID("mallory@localhost/r" + i));

      assertThat(accepted).as("round %d", round).isEqualTo(CommandSessions.MAX_PER_REQUESTER);
    }
  }

  @Test
  void aClosedSessionFreesItsSlot() {
    CommandSessions sessions = new CommandSessions(clock, Duration.ofMinutes(1), 1);
    CommandSessions.Session first = sessions.create(new JID("alice@localhost/a"), "node");
    sessions.register(first);

    assertThatThrownBy(() -> sessions.register(sessions.create(new JID("bob@localhost/b"), "node")))
        .isInstanceOfSatisfying(StanzaErrorException.class,
            e -> assertThat(e).hasMessage("too many command sessions are open; try again later"));
    sessions.close(first);
    sessions.register(sessions.create(new JID("bob@localhost/b"), "node"));

    assertThat(sessions.size()).isEqualTo(1);
  }
}
