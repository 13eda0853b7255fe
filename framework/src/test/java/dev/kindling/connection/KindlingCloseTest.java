package dev.kindling.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

/** {@code Kindling.close()} called by a handler, which must not wait for itself (nor the drain timeout). */
class KindlingCloseTest {
  /** Where the test puts the running Kindling, for the handler to close it. */
  @Singleton
  static final class Holder {
    final CompletableFuture<Kindling> kindling = new CompletableFuture<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
  }

  @Identity(category = "component", type = "generic")
  static final class Stopper {
    private final Holder holder;

    @Inject
    Stopper(Holder holder) {
      this.holder = holder;
    }

    @MessageHandler(type = Message.Type.chat)
    void stop(Message in) {
      holder.threads.add(Thread.currentThread().getName());
      holder.kindling.join().close();
    }
  }

  @Test
  void closeCalledByAQuickHandlerStopsEverythingWithoutWaitingForTheDrainTimeout() throws Exception {
    try (FakeServer server = new FakeServer()) {
      Holder holder = new Holder();
      Kindling kindling = Kindling.create(KindlingConfig.of(Map.of("secret", FakeServer.SECRET,
          "component.echo.domain", "echo.localhost", "server-domain", "localhost",
          "port", Integer.toString(server.port()), "drain-seconds", "30")), new AbstractModule() {
            @Override
            protected void configure() {
              bind(Holder.class).toInstance(holder);
              Components.bind(binder()).add("echo", Stopper.class);
            }
          });
      holder.kindling.complete(kindling);
      CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
        try {
          kindling.start();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      try (FakeServer.Peer peer = server.accept().authenticate()) {
        started.get(5, TimeUnit.SECONDS);
        long start = System.nanoTime();

        peer.write("<message type='chat' from='alice@localhost/r' to='echo.localhost'><body>stop</body></message>"
            + "<message type='chat' from='alice@localhost/r' to='echo.localhost'><body>queued behind</body></message>");

        assertThat(peer.readUntil("</stream:stream>")).endsWith("</stream:stream>");
        await().atMost(Duration.ofSeconds(10))
            .until(() -> kindling.connection("echo").state() == ConnectionState.CLOSED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(holder.threads).first().asString().startsWith("kindling-reader-");
      }
    }
  }
}
