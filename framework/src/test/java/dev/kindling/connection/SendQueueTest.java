package dev.kindling.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.dom4j.DocumentHelper;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

class SendQueueTest {
  private final SendQueue queue = new SendQueue(10);

  private static List<String> recipients(int count) {
    return IntStream.range(0, count).mapToObj(i -> "user" + i + "@localhost").toList();
  }

  /** Polls until {@code stanzas} copies came out (waiting for the fan-out to be fed), in order. */
  private List<String> pollCopies(int stanzas) {
    List<String> recipients = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (recipients.size() < stanzas && System.nanoTime() < deadline) {
      Object entry = queue.poll();
      if (entry instanceof SendQueue.Copies run) {
        recipients.addAll(run.recipients());
      } else {
        Thread.onSpinWait();
      }
    }
    return recipients;
  }

  @Test
  void aFanOutCountsForEveryCopyAndLeavesRoomForSingleStanzas() throws Exception {
    AtomicInteger wakeUps = new AtomicInteger();

    CompletableFuture<Void> queued = queue.offerCopies(DocumentHelper.createElement("message"), recipients(25),
        wakeUps::incrementAndGet);

    assertThat(queue.size()).isEqualTo(7);
    assertThat(queued).isNotDone();
    assertThat(queue.offer(new Message())).isTrue();
    assertThat(queue.offer(new Message())).isTrue();
    assertThat(queue.offer(new Message())).isTrue();
    assertThat(queue.offer(new Message())).isFalse();
    assertThat(pollCopies(7)).isEqualTo(recipients(7));
    for (int i = 0; i < 3; i++) {
      assertThat(queue.poll()).isInstanceOf(Message.class);
    }
    assertThat(pollCopies(18)).isEqualTo(recipients(25).subList(7, 25));
    queued.get(5, TimeUnit.SECONDS);
    assertThat(queue.size()).isZero();
    assertThat(wakeUps.get()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void fanOutsGoOutInTheOrderTheyWereOffered() throws Exception {
    CompletableFuture<Void> first = queue.offerCopies(DocumentHelper.createElement("first"), recipients(25), () -> { });
    CompletableFuture<Void> second = queue.offerCopies(DocumentHelper.createElement("second"), recipients(5),
        () -> { });

    List<String> order = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (order.size() < 30 && System.nanoTime() < deadline) {
      if (queue.poll() instanceof SendQueue.Copies run) {
        run.recipients().forEach(recipient -> order.add(run.template().getName()));
      } else {
        Thread.onSpinWait();
      }
    }

    assertThat(order).hasSize(30);
    assertThat(order.subList(0, 25)).containsOnly("first");
    assertThat(order.subList(25, 30)).containsOnly("second");
    first.get(5, TimeUnit.SECONDS);
    second.get(5, TimeUnit.SECONDS);
  }

  @Test
  void whenRoomCompletesOnceTheQueueIsAtMostHalfFull() throws Exception {
    for (int i = 0; i < 10; i++) {
      queue.offer(new Message());
    }
    CompletableFuture<Void> room = queue.whenRoom();
    for (int i = 0; i < 4; i++) {
      queue.poll();
    }
    assertThat(room).isNotDone();

    queue.poll();

    room.get(5, TimeUnit.SECONDS);
    assertThat(queue.whenRoom()).isDone();
  }

  @Test
  void aClosedQueueRefusesAndFailsAFanOutStillWaiting() {
    CompletableFuture<Void> queued = queue.offerCopies(DocumentHelper.createElement("message"), recipients(25),
        () -> { });

    queue.close("connection of echo.localhost closed");

    assertThat(queued).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
        .withMessageContaining("connection of echo.localhost closed");
    assertThat(queue.offer(new Message())).isFalse();
  }
}
