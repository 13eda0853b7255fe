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

  @Test
  void aFanOutCountsForEveryCopyAndWaitsForRoomForTheRest() throws Exception {
    AtomicInteger wakeUps = new AtomicInteger();

    CompletableFuture<Void> queued = queue.offerCopies(DocumentHelper.createElement("message"), recipients(25),
        wakeUps::incrementAndGet);

    assertThat(queue.size()).isEqualTo(10);
    assertThat(queue.offer(new Message())).isFalse();
    assertThat(queued).isNotDone();
    int copies = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (copies < 25 && System.nanoTime() < deadline) {
      Object entry = queue.poll();
      if (entry instanceof SendQueue.Copies run) {
        assertThat(run.recipients().get(0)).isEqualTo("user" + copies + "@localhost");
        copies += run.size();
      } else {
        Thread.onSpinWait();
      }
    }
    assertThat(copies).isEqualTo(25);
    queued.get(5, TimeUnit.SECONDS);
    assertThat(queue.size()).isZero();
    assertThat(wakeUps.get()).isGreaterThanOrEqualTo(3);
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
