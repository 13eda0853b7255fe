package dev.kindling.bench.peers;

import dev.kindling.connection.ComponentSettings;
import dev.kindling.samples.tinder.TinderEchoComponent;
import dev.kindling.tinder.TinderComponentHost;
import java.util.concurrent.CountDownLatch;

/** Kindling's connection hosting the Tinder {@code AbstractComponent} echo sample, unmodified. */
public final class KindlingTinderPeer {
  private KindlingTinderPeer() {}

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    PeerArguments peer = PeerArguments.parse(args);
    ComponentSettings settings = ComponentSettings.builder().host(peer.host()).port(peer.port())
        .domain(peer.domain()).secret(peer.secret()).build();
    TinderComponentHost host = new TinderComponentHost(settings.toBuilder().domain(settings.serverDomain()).build());
    host.addComponent(settings, new TinderEchoComponent());
    System.out.println("READY");
    new CountDownLatch(1).await();
  }
}
