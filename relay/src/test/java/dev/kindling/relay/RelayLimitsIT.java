package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kindling.inject.Kindling;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Each operator limit and each bad input with the relay attached to Prosody and to ejabberd: the SOCKS5 side from
 * plain sockets, the activations from logged-in Smack clients through the server, the counters read with the
 * admins' {@code stats} command.
 */
class RelayLimitsIT {
  private static final String TARGET = "target@localhost/t";

  @XmppServerTest
  void badInputIsRefusedOrCutAndCounted(XmppServer server) throws Exception {
    int port = XmppServer.freePort();
    try (Kindling kindling = RelayOnServer.start(server, port, "relay.handshake-timeout", "1s");
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      try (Socket junk = new Socket("127.0.0.1", port); Socket silent = new Socket("127.0.0.1", port)) {
        byte[] random = new byte[512];
        new Random(3).nextBytes(random);
        random[0] = 4;                                          // SOCKS4, say
        junk.setSoTimeout(10_000);
        junk.getOutputStream().write(random);
        assertThat(readToEnd(junk)).as("random bytes: closed").isLessThanOrEqualTo(2);
        silent.setSoTimeout(10_000);
        assertThat(silent.getInputStream().read()).as("a slowloris: closed at the handshake timeout").isEqualTo(-1);
      }
      String hash = ProxyHandlers.hash("s1", user(alice), TARGET);
      try (Socket target = Socks5TestClient.connect(port, hash);
           Socket initiator = Socks5TestClient.connect(port, hash);
           Socket second = Socks5TestClient.connect(port, hash, 2)) {
        assertThat(second.getInputStream().read()).as("a second target: refused").isEqualTo(-1);
        assertThat(activate(alice, server, "wrong-sid")).as("a wrong hash")
            .isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(activate(bob, server, "s1")).as("a third party").isEqualTo(StanzaError.Condition.item_not_found);
        assertThat(activate(alice, server, "s1")).as("the initiator").isNull();
        initiator.getOutputStream().write("through".getBytes(StandardCharsets.UTF_8));
        initiator.shutdownOutput();
        target.shutdownOutput();
        assertThat(new String(target.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("through");
      }
      assertThat(activate(alice, server, "s1")).as("a reused hash, its transfer over")
          .isEqualTo(StanzaError.Condition.item_not_found);
      Map<String, Long> stats = RelayOnServer.stats(carol, server);
      assertThat(stats.get("bad-handshake")).isEqualTo(1);
      assertThat(stats.get("handshake-timeout")).isEqualTo(1);
      assertThat(stats.get("third-connection")).isEqualTo(1);
      assertThat(stats.get("no-such-stream")).isEqualTo(3);
      assertThat(stats.get("completed")).isEqualTo(1);
    }
  }

  @XmppServerTest
  void theTransferLimitsHoldThroughTheServer(XmppServer server) throws Exception {
    int port = XmppServer.freePort();
    try (Kindling kindling = RelayOnServer.start(server, port, "relay.max-transfers", "2", "relay.max-transfers-per-jid", "1",
             "relay.max-transfer-bytes", "64KiB", "relay.idle-timeout", "1s");
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      try (Socket ta = Socks5TestClient.connect(port, ProxyHandlers.hash("a", user(alice), TARGET));
           Socket ia = Socks5TestClient.connect(port, ProxyHandlers.hash("a", user(alice), TARGET));
           Socket tb = Socks5TestClient.connect(port, ProxyHandlers.hash("b", user(alice), TARGET));
           Socket ib = Socks5TestClient.connect(port, ProxyHandlers.hash("b", user(alice), TARGET));
           Socket tc = Socks5TestClient.connect(port, ProxyHandlers.hash("c", user(carol), TARGET));
           Socket ic = Socks5TestClient.connect(port, ProxyHandlers.hash("c", user(carol), TARGET));
           Socket td = Socks5TestClient.connect(port, ProxyHandlers.hash("d", user(bob), TARGET));
           Socket id = Socks5TestClient.connect(port, ProxyHandlers.hash("d", user(bob), TARGET))) {
        assertThat(activate(alice, server, "a")).isNull();
        assertThat(activate(alice, server, "b")).as("alice's second").isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(activate(carol, server, "c")).isNull();
        assertThat(activate(bob, server, "d")).as("a third in all").isEqualTo(StanzaError.Condition.not_allowed);
        assertThat(tb.getInputStream().read()).as("a refused pair is closed").isEqualTo(-1);

        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
          try {
            ia.getOutputStream().write(new byte[256 << 10]);
          } catch (IOException cut) {
            // the relay cuts the transfer past its byte limit
          }
        });
        assertThat(readToEnd(ta)).as("cut at the byte limit").isLessThanOrEqualTo(64 << 10);
        sending.get(10, TimeUnit.SECONDS);
        tc.setSoTimeout(10_000);
        assertThat(tc.getInputStream().read()).as("an idle transfer is cut").isEqualTo(-1);
      }
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
        Map<String, Long> stats = RelayOnServer.stats(carol, server);
        assertThat(stats.get("jid-limit")).isEqualTo(1);
        assertThat(stats.get("transfer-limit")).isEqualTo(1);
        assertThat(stats.get("over-max-bytes")).isEqualTo(1);
        assertThat(stats.get("idle-timeout")).isEqualTo(1);
        assertThat(stats.get("active-transfers")).isZero();
      });
    }
  }

  private static String user(SmackClient client) {
    return client.connection().getUser().toString();
  }

  /** {@code who} activates its bytestream {@code sid} to {@link #TARGET}; the error's condition, null for a result. */
  private static StanzaError.Condition activate(SmackClient who, XmppServer server, String sid) throws Exception {
    Bytestream activation = new Bytestream(sid);
    activation.setType(IQ.Type.set);
    activation.setTo(JidCreate.from(server.componentDomain("relay")));
    activation.setToActivate(JidCreate.from(TARGET));
    try {
      who.connection().sendIqRequestAndWaitForResponse(activation);
      return null;
    } catch (XMPPException.XMPPErrorException e) {
      return e.getStanzaError().getCondition();
    }
  }

  /** How many bytes {@code socket} reads until the relay closes it (a reset counts as the end). */
  private static long readToEnd(Socket socket) throws IOException {
    socket.setSoTimeout(10_000);
    InputStream in = socket.getInputStream();
    byte[] chunk = new byte[8192];
    long total = 0;
    try {
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        total += read;
      }
    } catch (java.net.SocketException reset) {
      // closed by the relay
    }
    return total;
  }


}
