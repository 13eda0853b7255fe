package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.inject.KindlingConfig;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SOCKS5 side alone, with plain sockets: handshake, pairing, activation, relay both ways, half-close, refusals. */
class Socks5ServerTest {
  private Socks5Server server;

  @BeforeEach
  void start() throws Exception {
    server = new Socks5Server(KindlingConfig.of(Map.of("relay.listen-host", "127.0.0.1", "relay.listen-port", "0",
        "relay.handshake-timeout", "1s", "relay.activation-timeout", "2s")));
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.stop();
  }

  private Socket connect(String hash) throws Exception {
    Socket socket = new Socket("127.0.0.1", server.port());
    socket.setSoTimeout(5_000);
    OutputStream out = socket.getOutputStream();
    out.write(new byte[] {5, 1, 0});
    byte[] request = new byte[5 + hash.length() + 2];
    request[0] = 5;
    request[1] = 1;
    request[3] = 3;
    request[4] = (byte) hash.length();
    System.arraycopy(hash.getBytes(StandardCharsets.US_ASCII), 0, request, 5, hash.length());
    out.write(request);
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] greeting = new byte[2];
    in.readFully(greeting);
    assertThat(greeting).containsExactly(5, 0);
    byte[] reply = new byte[request.length];
    in.readFully(reply);
    assertThat(reply[1]).as("reply code").isZero();
    return socket;
  }

  @Test
  void pairsTwoConnectionsByHashAndRelaysBothWaysWithHalfClose() throws Exception {
    String hash = ProxyHandlers.hash("sid1", "alice@localhost/a", "bob@localhost/b");
    try (Socket target = connect(hash); Socket initiator = connect(hash)) {
      assertThat(server.activate(hash).get(5, TimeUnit.SECONDS)).isEqualTo(Socks5Server.Activation.ACTIVATED);
      initiator.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
      initiator.shutdownOutput();
      InputStream fromInitiator = target.getInputStream();
      assertThat(new String(fromInitiator.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
      target.getOutputStream().write("back".getBytes(StandardCharsets.UTF_8));
      target.shutdownOutput();
      assertThat(new String(initiator.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("back");
    }
  }

  @Test
  void anUnknownHashOneSideAndASecondActivationAreRefused() throws Exception {
    String hash = ProxyHandlers.hash("sid2", "alice@localhost/a", "bob@localhost/b");
    assertThat(server.activate(hash).get(5, TimeUnit.SECONDS)).isEqualTo(Socks5Server.Activation.NO_SUCH_STREAM);
    try (Socket target = connect(hash)) {
      assertThat(server.activate(hash).get(5, TimeUnit.SECONDS)).isEqualTo(Socks5Server.Activation.ONE_SIDE_ONLY);
      try (Socket initiator = connect(hash)) {
        assertThat(server.activate(hash).get(5, TimeUnit.SECONDS)).isEqualTo(Socks5Server.Activation.ACTIVATED);
        assertThat(server.activate(hash).get(5, TimeUnit.SECONDS)).isEqualTo(Socks5Server.Activation.ALREADY_ACTIVE);
      }
    }
  }

  @Test
  void aSilentClientAndAnUnactivatedPairAreCutOffAfterTheirTimeouts() throws Exception {
    String hash = ProxyHandlers.hash("sid3", "alice@localhost/a", "bob@localhost/b");
    try (Socket silent = new Socket("127.0.0.1", server.port()); Socket waiting = connect(hash)) {
      silent.setSoTimeout(10_000);
      waiting.setSoTimeout(10_000);
      long start = System.nanoTime();
      assertThat(silent.getInputStream().read()).isEqualTo(-1);
      assertThat(waiting.getInputStream().read()).isEqualTo(-1);
      assertThat((System.nanoTime() - start) / 1e9).isBetween(0.9, 5.0);
      assertThat(server.activate(hash).get(5, TimeUnit.SECONDS)).isEqualTo(Socks5Server.Activation.NO_SUCH_STREAM);
    }
  }

  @Test
  void randomBytesAreCutOff() throws Exception {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    }
  }
}
