package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smackx.bytestreams.BytestreamListener;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;

/**
 * Two Smack clients send bytes through the relay with XEP-0065 (Smack's {@code Socks5BytestreamManager}), the
 * proxy found in the server's disco#items and direct streamhosts off, so the relay really carries them.
 */
class RelayIT {
  static {
    Socks5Proxy.setLocalSocks5ProxyEnabled(false);
  }

  @XmppServerTest
  void bytesOfEverySizeCrossTheRelayUnchanged(XmppServer server) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("relay.listen-host", "127.0.0.1");
    config.put("relay.listen-port", "0");
    try (Kindling kindling = started(KindlingConfig.of(config));
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob")) {
      Socks5BytestreamManager sender = Socks5BytestreamManager.getBytestreamManager(alice.connection());
      Socks5BytestreamManager receiver = Socks5BytestreamManager.getBytestreamManager(bob.connection());
      sender.setAnnounceLocalStreamHost(false);
      receiver.setAnnounceLocalStreamHost(false);
      assertThat(sender.determineProxies()).extracting(Object::toString).contains(server.componentDomain("relay"));
      for (int size : new int[] {0, 1, 1 << 20}) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        CompletableFuture<String> received = new CompletableFuture<>();
        BytestreamListener listener = request -> {
          try {
            BytestreamSession session = request.accept();
            try (InputStream in = session.getInputStream()) {
              received.complete(sha256(in.readAllBytes()));
            }
          } catch (Exception e) {
            received.completeExceptionally(e);
          }
        };
        receiver.addIncomingBytestreamListener(listener);
        BytestreamSession session = sender.establishSession(bob.connection().getUser());
        try (OutputStream out = session.getOutputStream()) {
          out.write(data);
        }
        assertThat(received.get(30, TimeUnit.SECONDS)).as(size + " bytes").isEqualTo(sha256(data));
        receiver.removeIncomingBytestreamListener(listener);
      }
    }
  }

  /** The relay, connected before any client asks the server about it (Smack remembers a proxy that failed). */
  private static Kindling started(KindlingConfig config) throws Exception {
    Kindling kindling = Kindling.create(config, new RelayModule());
    kindling.start();
    return kindling;
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
