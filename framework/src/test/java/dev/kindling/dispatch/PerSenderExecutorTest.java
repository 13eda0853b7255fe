package dev.kindling.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.internal.AnswerFuture;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PerSenderExecutorTest {
  private final PerSenderExecutor executor = new PerSenderExecutor("test",
      new DispatchSettings(2, 2, 100, 1_000, Duration.ofSeconds(5)));

  @AfterEach
  void tearDown() {
    executor.drain();
  }

  @Test
  void idleExecutorRunsTheTaskOnTheCallingThread() {
    List<Thread> ranOn = new CopyOnWriteArrayList<>();

    assertThat(executor.runIfIdle("alice@localhost/r", () -> ranOn.add(Thread.currentThread()))).isTrue();
    assertThat(ranOn).containsExactly(Thread.currentThread());
    assertThat(executor.pending()).isZero();
  }

  @Test
  void busyExecutorLeavesTheTaskToThePoolSoNoOrderIsOvertaken() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    List<String> order = new CopyOnWriteArrayList<>();
    executor.submit("alice@localhost/r", false, () -> {
      running.countDown();
      await(release);
      order.add("first");
    });
    assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(executor.runIfIdle("alice@localhost/r", () -> order.add("second, here"))).isFalse();
    assertThat(executor.runIfIdle("bob@localhost/r", () -> order.add("other sender, here"))).isFalse();
    executor.submit("alice@localhost/r", false, () -> order.add("second"));
    release.countDown();

    assertThat(executor.drain()).isTrue();
    assertThat(order).containsExactly("first", "second");
  }

  @Test
  void drainedExecutorRunsNothingMore() {
    executor.drain();
    List<String> ran = new CopyOnWriteArrayList<>();

    assertThat(executor.runIfIdle("alice@localhost/r", () -> ran.add("late"))).isFalse();
    assertThat(executor.submit("alice@localhost/r", false, () -> ran.add("late"))).isFalse();
    assertThat(ran).isEmpty();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void interruptLeftByAHandlerRunHereIsCleared() {
    assertThat(executor.runIfIdle("alice@localhost/r", () -> Thread.currentThread().interrupt())).isTrue();

    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void waitingForAnAnswerIsRefusedOnTheWorkersAndAllowedOnTheBlockingPool() throws Exception {
    CompletableFuture<Throwable> onWorker = new CompletableFuture<>();
    AnswerFuture<String> answer = new AnswerFuture<>();
    executor.submit("alice@localhost/r", false, () -> {
      try {
        answer.thenApply(String::length).join();
        onWorker.complete(null);
      } catch (IllegalStateException e) {
        onWorker.complete(e);
      }
    });
    assertThat(onWorker.get(5, TimeUnit.SECONDS)).isNotNull().hasMessageContaining("@Blocking");

    CompletableFuture<String> onBlockingPool = new CompletableFuture<>();
    executor.submit("bob@localhost/r", true, () -> onBlockingPool.complete(answer.join()));
    answer.complete("pong");
    assertThat(onBlockingPool.get(5, TimeUnit.SECONDS)).isEqualTo("pong");
  }

  @Test
  void idlePoolThreadsEndSoABurstOfBlockingWorkLeavesNoneBehind() throws Exception {
    PerSenderExecutor bursty = new PerSenderExecutor("idle", new DispatchSettings(1, 8, 100, 1_000,
        Duration.ofSeconds(5)), Duration.ofMillis(100));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(4);
    for (int i = 0; i < 4; i++) {
      bursty.submit("sender" + i, true, () -> {
        started.countDown();
        await(release);
      });
    }
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(threadsNamed("kindling-blocking-idle-")).isEqualTo(4);

    release.countDown();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> threadsNamed("kindling-blocking-idle-") == 0);
    bursty.drain();
  }

  @Test
  void tasksStillQueuedWhenTheDrainTimesOutAreDroppedNeverRunLater() throws Exception {
    PerSenderExecutor stuck = new PerSenderExecutor("stuck", new DispatchSettings(2, 2, 100, 1_000,
        Duration.ofMillis(200)));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch first = new CountDownLatch(1);
    List<String> ran = new CopyOnWriteArrayList<>();
    stuck.submit("alice@localhost/r", false, () -> {
      first.countDown();
      await(release);
      ran.add("first");
    });
    stuck.submit("alice@localhost/r", false, () -> ran.add("second"));
    assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(stuck.drain()).isFalse();
    release.countDown();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> stuck.pending() == 0);
    assertThat(ran).containsExactly("first");
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream().filter(thread -> thread.getName().startsWith(prefix)).count();
  }
}
