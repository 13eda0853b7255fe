package dev.kindling.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kindling.handler.Blocking;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.testkit.ComponentTester;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

class ConcurrencyTest {
  @Identity(category = "component", type = "generic")
  static final class Recorder {
    final Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    final CountDownLatch gate = new CountDownLatch(1);

    @MessageHandler(type = Message.Type.chat)
    void record(Message message, JID from) {
      seen.computeIfAbsent(from.toString(), key -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(message.getBody()));
    }

    @IqHandler(element = "slow", namespace = "urn:test:slow")
    @Blocking
    void slow() throws InterruptedException {
      gate.await(10, TimeUnit.SECONDS);
    }

    @IqHandler(element = "fast", namespace = "urn:test:fast")
    void fast() {}

    final List<String> order = new CopyOnWriteArrayList<>();

    @MessageHandler(type = Message.Type.headline)
    @Blocking
    void blockingStep(Message message) {
      order.add(message.getBody());
    }

    @MessageHandler(type = Message.Type.normal)
    void quickStep(Message message) {
      order.add(message.getBody());
    }

    @IqHandler(element = "later", namespace = "urn:test:later")
    CompletableFuture<Void> later() {
      return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS));
    }
  }

  private static Message numbered(String from, int n) {
    Message message = new Message();
    message.setFrom(from);
    message.setTo("recorder.localhost");
    message.setBody(Integer.toString(n));
    message.setType(Message.Type.chat);
    return message;
  }

  private static IQ request(String from, String element, int n) {
    IQ iq = new IQ(IQ.Type.get, element + n);
    iq.setFrom(from);
    iq.setTo("recorder.localhost");
    iq.setChildElement(element, "urn:test:" + element);
    return iq;
  }

  @Test
  void eachSendersStanzasAreHandledInTheOrderTheyArrived() {
    try (ComponentTester tester = ComponentTester.of(Recorder.class).domain("recorder.localhost")
        .config("workers", "4").build()) {
      List<String> senders = new ArrayList<>();
      for (int s = 0; s < 8; s++) {
        senders.add("user" + s + "@localhost/r");
      }
      for (int n = 0; n < 1000; n++) {
        for (String sender : senders) {
          tester.receive(numbered(sender, n));
        }
      }
      Recorder recorder = tester.instance(Recorder.class);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> recorder.seen.values().stream().mapToInt(List::size).sum() == 8000);

      List<Integer> expected = java.util.stream.IntStream.range(0, 1000).boxed().toList();
      for (String sender : senders) {
        assertThat(recorder.seen.get(sender)).as(sender).isEqualTo(expected);
      }
    }
  }

  @Test
  void floodingSenderGetsWaitErrorsWhileOthersAreServed() {
    try (ComponentTester tester = ComponentTester.of(Recorder.class).domain("recorder.localhost")
        .config("per-sender-queue", "10").build()) {
      Recorder recorder = tester.instance(Recorder.class);
      for (int n = 0; n < 30; n++) {
        tester.receive(request("flood@localhost/r", "slow", n));
      }
      List<Packet> refused = new ArrayList<>();
      for (int n = 0; n < 20; n++) {
        refused.add(tester.nextSent());
      }

      IQ served = tester.iq("<iq type='get' id='other' from='calm@localhost/r' to='recorder.localhost'>"
          + "<fast xmlns='urn:test:fast'/></iq>");

      assertThat(refused).allSatisfy(packet -> {
        assertThat(packet.getError().getCondition()).isEqualTo(PacketError.Condition.resource_constraint);
        assertThat(packet.getError().getType()).isEqualTo(PacketError.Type.wait);
      });
      assertThat(refused).extracting(Packet::getID).containsExactlyElementsOf(
          java.util.stream.IntStream.range(10, 30).mapToObj(n -> "slow" + n).toList());
      assertThat(served.getType()).isEqualTo(IQ.Type.result);
      assertThat(tester.runtime().stats().rejected()).isEqualTo(20);

      recorder.gate.countDown();
      for (int n = 0; n < 10; n++) {
        assertThat(tester.answerTo(request("flood@localhost/r", "slow", n)).getType()).isEqualTo(IQ.Type.result);
      }
    }
  }

  @Test
  void orderHoldsWhenTheSendersStanzasMoveBetweenTheNormalAndBlockingPools() {
    try (ComponentTester tester = ComponentTester.of(Recorder.class).domain("recorder.localhost").build()) {
      for (int n = 0; n < 500; n++) {
        Message message = numbered("mixed@localhost/r", n);
        message.setType(n % 3 == 0 ? Message.Type.headline : Message.Type.normal);
        tester.receive(message);
      }
      Recorder recorder = tester.instance(Recorder.class);
      await().atMost(Duration.ofSeconds(10)).until(() -> recorder.order.size() == 500);

      assertThat(recorder.order).isEqualTo(java.util.stream.IntStream.range(0, 500).mapToObj(Integer::toString)
          .toList());
    }
  }

  @Test
  void closingWaitsForAnswersStillInTheirFutures() {
    ComponentTester tester = ComponentTester.of(Recorder.class).domain("recorder.localhost").build();
    tester.receive(request("patient@localhost/r", "later", 1));

    tester.close();

    assertThat(tester.drainSent()).singleElement().satisfies(packet -> assertThat(((IQ) packet).getType())
        .isEqualTo(IQ.Type.result));
  }

  @Test
  void closingDrainsWhatWasAccepted() {
    ComponentTester tester = ComponentTester.of(Recorder.class).domain("recorder.localhost").build();
    Recorder recorder = tester.instance(Recorder.class);
    for (int n = 0; n < 5; n++) {
      tester.receive(request("patient@localhost/r", "slow", n));
    }
    CompletableFuture.delayedExecutor(200, TimeUnit.MILLISECONDS).execute(recorder.gate::countDown);

    tester.close();

    assertThat(tester.drainSent()).hasSize(5).allSatisfy(packet -> assertThat(((IQ) packet).getType())
        .isEqualTo(IQ.Type.result));
    assertThat(tester.nextSent(Duration.ofMillis(50))).isNull();
  }

  /** Handlers of which one is slow without saying so. */
  @Identity(category = "component", type = "generic")
  static final class Sluggish {
    final List<String> threads = new CopyOnWriteArrayList<>();

    @IqHandler(element = "crawl", namespace = "urn:test:crawl")
    void crawl() {
      threads.add(Thread.currentThread().getName());
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }

    @IqHandler(element = "fast", namespace = "urn:test:fast")
    void fast() {
      threads.add(Thread.currentThread().getName());
    }
  }

  @Test
  void handlerSlowOnTheReceivingThreadIsCountedAndStillAnswered() {
    try (ComponentTester tester = ComponentTester.of(Sluggish.class).domain("sluggish.localhost").build()) {
      Sluggish handlers = tester.instance(Sluggish.class);
      IQ fast = tester.iq("<iq type='get' id='f' from='alice@localhost/r' to='sluggish.localhost'>"
          + "<fast xmlns='urn:test:fast'/></iq>");
      assertThat(tester.runtime().stats().slowOnReader()).isZero();

      for (int n = 0; n < 2; n++) {
        IQ slow = tester.iq("<iq type='get' id='s" + n + "' from='alice@localhost/r' to='sluggish.localhost'>"
            + "<crawl xmlns='urn:test:crawl'/></iq>");
        assertThat(slow.getType()).isEqualTo(IQ.Type.result);
      }

      assertThat(fast.getType()).isEqualTo(IQ.Type.result);
      assertThat(handlers.threads).containsOnly(Thread.currentThread().getName());
      assertThat(tester.runtime().stats().slowOnReader()).isEqualTo(2);
    }
  }
}
