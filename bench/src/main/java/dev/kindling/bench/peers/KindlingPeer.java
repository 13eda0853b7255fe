package dev.kindling.bench.peers;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Replies;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.samples.echo.EchoComponent;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.xmpp.packet.Message;

/**
 * Kindling with annotated handlers: the echo sample and the built-in ping, with the default configuration.
 * With work, a ping and echo handler marked {@link Blocking} that parks for that long, on the blocking pool.
 */
public final class KindlingPeer {
  private KindlingPeer() {}

  /** Handlers that block for {@code work} microseconds before answering. */
  @Identity(category = "component", type = "generic", name = "Blocking echo")
  static final class BlockingEcho {
    static long workNanos;

    @IqHandler(element = "ping", namespace = "urn:xmpp:ping")
    @Blocking
    void ping() {
      LockSupport.parkNanos(workNanos);
    }

    @MessageHandler
    @Blocking
    Message echo(Message message) {
      LockSupport.parkNanos(workNanos);
      return Replies.to(message).withBody(message.getBody());
    }
  }

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    PeerArguments peer = PeerArguments.parse(args);
    String name = peer.domain().substring(0, peer.domain().indexOf('.'));
    boolean blocking = peer.workMicros() > 0;
    BlockingEcho.workNanos = TimeUnit.MICROSECONDS.toNanos(peer.workMicros());
    KindlingConfig config = KindlingConfig.of(Map.of(
        "host", peer.host(),
        "component." + name + ".port", Integer.toString(peer.port()),
        "component." + name + ".domain", peer.domain(),
        "secret", peer.secret(),
        "builtins.ping", Boolean.toString(!blocking)));
    Kindling kindling = Kindling.create(config, new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).add(name, blocking ? BlockingEcho.class : EchoComponent.class);
      }
    });
    kindling.start();
    System.out.println("READY");
    new CountDownLatch(1).await();
  }
}
