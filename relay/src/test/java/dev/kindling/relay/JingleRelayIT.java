package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.inject.Kindling;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import dev.kindling.testkit.jingle.JingleFileTransfers;
import java.net.Socket;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jxmpp.jid.impl.JidCreate;

/**
 * A Jingle file transfer (XEP-0234 over XEP-0260) through the relay as a proxy candidate, with the test kit's
 * Jingle client pair on two Smack connections: offer with the file's SHA-256, accept, candidate-used, activation
 * at the relay, activated, the bytes, the receiver's checksum and session-terminate; and the proxy-error step when
 * the relay refuses the activation.
 */
class JingleRelayIT {
  @XmppServerTest
  void aJingleFileTransferGoesThroughTheRelayAsAProxyCandidate(XmppServer server) throws Exception {
    try (Kindling kindling = RelayOnServer.start(server, 0);
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      try (JingleFileTransfers sender = JingleFileTransfers.of(alice.connection());
           JingleFileTransfers receiver = JingleFileTransfers.of(bob.connection())) {
        for (int size : new int[] {1, 8 << 20}) {
          byte[] file = new byte[size];
          new Random(size).nextBytes(file);
          CompletableFuture<JingleFileTransfers.Received> received = receiver.receiveNext();
          JingleReason.Reason end = sender.send(bob.connection().getUser(), "file-" + size + ".bin", file,
              JidCreate.from(server.componentDomain("relay"))).get(60, TimeUnit.SECONDS);
          JingleFileTransfers.Received got = received.get(60, TimeUnit.SECONDS);
          assertThat(end).isEqualTo(JingleReason.Reason.success);
          assertThat(got.name()).isEqualTo("file-" + size + ".bin");
          assertThat(got.hashMatches()).isTrue();
          assertThat(got.data()).isEqualTo(file);
          assertThat(got.from().toString()).isEqualTo(alice.connection().getUser().toString());
        }
      }
      Map<String, Long> stats = RelayOnServer.stats(carol, server);
      assertThat(stats.get("transfers")).as("both went through the relay").isEqualTo(2);
      assertThat(stats.get("bytes")).isEqualTo(1 + (8 << 20));
    }
  }

  @XmppServerTest
  void aRefusedActivationIsAProxyErrorAndEndsTheSessionWithFailedTransport(XmppServer server) throws Exception {
    int port = XmppServer.freePort();
    try (Kindling kindling = RelayOnServer.start(server, port, "relay.max-transfers-per-jid", "1");
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      String relay = server.componentDomain("relay");
      String hash = ProxyHandlers.hash("held", alice.connection().getUser().toString(), "carol@localhost/c");
      try (Socket target = Socks5TestClient.connect(port, hash);
           Socket initiator = Socks5TestClient.connect(port, hash);
           JingleFileTransfers sender = JingleFileTransfers.of(alice.connection());
           JingleFileTransfers receiver = JingleFileTransfers.of(bob.connection())) {
        Bytestream activate = new Bytestream("held");
        activate.setType(IQ.Type.set);
        activate.setTo(JidCreate.from(relay));
        activate.setToActivate(JidCreate.from("carol@localhost/c"));
        alice.connection().sendIqRequestAndWaitForResponse(activate);      // alice's one transfer is running

        CompletableFuture<JingleFileTransfers.Received> received = receiver.receiveNext();
        JingleReason.Reason end = sender.send(bob.connection().getUser(), "refused.bin", new byte[1024],
            JidCreate.from(relay)).get(60, TimeUnit.SECONDS);
        assertThat(end).isEqualTo(JingleReason.Reason.failed_transport);
        assertThatThrownBy(() -> received.get(60, TimeUnit.SECONDS)).hasRootCauseMessage(
            "the sender could not activate the bytestream at the proxy (proxy-error)");
        assertThat(RelayOnServer.stats(carol, server).get("jid-limit")).as("refused by the per-JID limit")
            .isEqualTo(1);
      }
    }
  }
}
