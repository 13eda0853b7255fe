package dev.kindling.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.handler.IqHandler;
import dev.kindling.handler.Outbound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

class UnsentAnswersTest {
  static final class Pong {
    @IqHandler(element = "ping", namespace = "urn:xmpp:ping")
    void ping() {}
  }

  /** An outbound whose send queue is always full. */
  static final class FullQueue implements Outbound {
    final List<Packet> refused = new ArrayList<>();

    @Override
    public JID jid() {
      return new JID("full.localhost");
    }

    @Override
    public boolean send(Packet packet) {
      refused.add(packet);
      return false;
    }

    @Override
    public CompletableFuture<Void> sendAll(Packet template, Collection<JID> recipients) {
      return CompletableFuture.failedFuture(new IllegalStateException("full"));
    }

    @Override
    public CompletableFuture<IQ> request(IQ request, Duration timeout) {
      return CompletableFuture.failedFuture(new IllegalStateException("full"));
    }
  }

  @Test
  void anAnswerTheSendQueueCannotTakeIsCountedNotDroppedSilently() throws Throwable {
    HandlerScanner.Result scanned = HandlerScanner.scan(List.of(Pong.class));
    List<String> problems = new ArrayList<>();
    Route route = new Route(scanned.handlers().get(0),
        Invoker.bind(scanned.handlers().get(0), new Pong(), parameter -> () -> null, problems));
    FullQueue outbound = new FullQueue();
    PerSenderExecutor executor = new PerSenderExecutor("full", new DispatchSettings(0, 1, 10, 10,
        Duration.ofSeconds(1)));
    Dispatcher dispatcher = new Dispatcher("full", new HandlerTable(List.of(route)), outbound, executor);
    IQ ping = new IQ(IQ.Type.get, "p1");
    ping.setFrom("alice@localhost/r");
    ping.setTo("full.localhost");
    ping.setChildElement("ping", "urn:xmpp:ping");

    dispatcher.packetReceived(ping);

    assertThat(problems).isEmpty();
    assertThat(outbound.refused).hasSize(1);
    assertThat(dispatcher.stats().unsent()).isEqualTo(1);
    assertThat(dispatcher.stats().toString()).endsWith("unsent 1");
  }
}
