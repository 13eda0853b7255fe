package dev.kindling.relay;

import static dev.kindling.relay.Socks5TestClient.connect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kindling.inject.KindlingConfig;
import dev.kindling.relay.Bytestreams.Activation;
import dev.kindling.relay.RelayCounters.Count;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;

/**
 * The SOCKS5 side alone, with plain sockets: handshake, pairing, activation, relay both ways, half-close, the
 * limits and timeouts, and every refusal.
 */
class Socks5ServerTest {
  private final RelayCounters counters = new RelayCounters();
  private Socks5Server server;

  private Socks5Server start(String... settings) throws Exception {
    Map<String, String> config = new HashMap<>(Map.of("relay.listen-host", "127.0.0.1", "relay.listen-port", "0",
        "relay.handshake-timeout", "1s", "relay.activation-timeout", "2s"));
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    server = new Socks5Server(KindlingConfig.of(config), counters);
    server.start();
    return server;
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
  }

  private static String hash(String sid) {
    return ProxyHandlers.hash(sid, "alice@localhost/a", "bob@localhost/b");
  }

  private Activation activate(String hash) throws Exception {
    return activate(hash, "alice@localhost");
  }

  private Activation activate(String hash, String owner) throws Exception {
    return server.activate(hash, owner).get(5, TimeUnit.SECONDS);
  }

  @Test
  void theHashIsSmacksToo() throws Exception {
    assertThat(ProxyHandlers.hash("sid", "alice@localhost/a", "bob@localhost/b")).isEqualTo(Socks5Utils.createDigest(
        "sid", JidCreate.from("alice@localhost/a"), JidCreate.from("bob@localhost/b")));
  }

  @Test
  void pairsTwoConnectionsByHashAndRelaysBothWaysWithHalfClose() throws Exception {
    start();
    String hash = hash("sid1");
    try (Socket target = connect(server.port(), hash); Socket initiator = connect(server.port(), hash)) {
      target.getOutputStream().write("early ".getBytes(StandardCharsets.UTF_8));
      assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
      initiator.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
      initiator.shutdownOutput();
      assertThat(new String(target.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello");
      target.getOutputStream().write("back".getBytes(StandardCharsets.UTF_8));
      target.shutdownOutput();
      assertThat(new String(initiator.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .as("bytes sent before the activation are kept").isEqualTo("early back");
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> counters.get(Count.COMPLETED) == 1);
    assertThat(counters.get(Count.BYTES)).isEqualTo(15);
  }

  @Test
  void fourMebibytesEachWayAtOnceThroughASlowReaderArriveWhole() throws Exception {
    start();
    String hash = hash("sid-big");
    byte[] data = new byte[4 << 20];
    new Random(1).nextBytes(data);
    try (Socket target = connect(server.port(), hash); Socket initiator = connect(server.port(), hash)) {
      assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> write(initiator, data));
      CompletableFuture<Void> back = CompletableFuture.runAsync(() -> write(target, data));
      InputStream in = target.getInputStream();
      byte[] received = new byte[data.length];
      for (int at = 0, reads = 0; at < data.length; reads++) {
        at += in.read(received, at, Math.min(1024, data.length - at));
        if (reads % 64 == 0) {
          Thread.sleep(1);                                 // a slow reader: the relay's buffers fill and wait
        }
      }
      assertThat(in.read()).isEqualTo(-1);
      assertThat(received).isEqualTo(data);
      assertThat(initiator.getInputStream().readAllBytes()).isEqualTo(data);
      sending.get(10, TimeUnit.SECONDS);
      back.get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void listeningOnEveryAddressTakesIpv4AndIpv6Clients() throws Exception {
    start("relay.listen-host", "::", "relay.advertised-hosts", "127.0.0.1,::1");
    String hash = hash("sid-v6");
    try (Socket target = new Socket("::1", server.port()); Socket initiator = connect(server.port(), hash)) {
      target.setSoTimeout(10_000);
      target.getOutputStream().write(Socks5TestClient.handshake(hash));
      assertThat(Socks5TestClient.answer(target, hash)).isZero();
      assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
      initiator.getOutputStream().write("over IPv4".getBytes(StandardCharsets.UTF_8));
      initiator.shutdownOutput();
      assertThat(new String(target.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .as("from 127.0.0.1 to ::1").isEqualTo("over IPv4");
    }
    assertThat(server.advertisedHosts()).containsExactly("127.0.0.1", "::1");
  }

  @Test
  void anUnknownHashOneSideAndASecondActivationAreRefused() throws Exception {
    start();
    String hash = hash("sid2");
    assertThat(activate(hash)).isEqualTo(Activation.NO_SUCH_STREAM);
    try (Socket target = connect(server.port(), hash)) {
      assertThat(activate(hash)).isEqualTo(Activation.ONE_SIDE_ONLY);
      try (Socket initiator = connect(server.port(), hash)) {
        assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
        assertThat(activate(hash)).isEqualTo(Activation.ALREADY_ACTIVE);
      }
    }
    assertThat(activate(hash("sid2-other"))).isEqualTo(Activation.NO_SUCH_STREAM);
    assertThat(counters.get(Count.NO_SUCH_STREAM)).isEqualTo(2);
  }

  @Test
  void aThirdConnectionForOneBytestreamIsRefusedWithNotAllowedByRuleset() throws Exception {
    start();
    String hash = hash("sid-third");
    try (Socket target = connect(server.port(), hash); Socket initiator = connect(server.port(), hash);
         Socket third = connect(server.port(), hash, 2)) {
      assertThat(third.getInputStream().read()).isEqualTo(-1);
      assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
      try (Socket late = connect(server.port(), hash, 2)) {
        assertThat(late.getInputStream().read()).isEqualTo(-1);
      }
    }
    assertThat(counters.get(Count.THIRD_CONNECTION)).isEqualTo(2);
  }

  @Test
  void aSideLeavingBeforeTheActivationClosesTheOther() throws Exception {
    start();
    String hash = hash("sid-left");
    try (Socket initiator = connect(server.port(), hash)) {
      connect(server.port(), hash).close();
      assertThat(initiator.getInputStream().read()).isEqualTo(-1);
      await().atMost(Duration.ofSeconds(5)).until(() -> counters.get(Count.LEFT_EARLY) == 1);
      assertThat(activate(hash)).isEqualTo(Activation.NO_SUCH_STREAM);
    }
  }

  @Test
  void aHandshakeTrickledByteByByteWithinTheTimeoutIsTaken() throws Exception {
    start();
    String hash = hash("SID-trickle").toUpperCase();
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      for (byte b : Socks5TestClient.handshake(hash)) {
        socket.getOutputStream().write(b);
        socket.getOutputStream().flush();
      }
      assertThat(Socks5TestClient.answer(socket, hash)).isZero();
      try (Socket other = connect(server.port(), hash.toLowerCase())) {
        assertThat(activate(hash.toLowerCase())).as("hashes compare in any case").isEqualTo(Activation.ACTIVATED);
      }
    }
  }

  @Test
  void aSlowlorisAndAnUnactivatedPairAreCutAfterTheirOwnTimeouts() throws Exception {
    start();
    String hash = hash("sid3");
    long start = System.nanoTime();
    try (Socket slow = new Socket("127.0.0.1", server.port()); Socket waiting = connect(server.port(), hash)) {
      slow.setSoTimeout(10_000);
      waiting.setSoTimeout(10_000);
      CompletableFuture<Double> slowCut = CompletableFuture.supplyAsync(() -> trickleUntilCut(slow, start));
      assertThat(waiting.getInputStream().read()).isEqualTo(-1);
      double waitingCut = (System.nanoTime() - start) / 1e9;
      assertThat(slowCut.get(10, TimeUnit.SECONDS)).as("handshake timeout 1 s, swept every 0.25 s")
          .isBetween(0.9, 1.9);
      assertThat(waitingCut).as("activation timeout 2 s").isBetween(1.9, 4.0);
    }
    assertThat(activate(hash)).isEqualTo(Activation.NO_SUCH_STREAM);
    assertThat(counters.get(Count.HANDSHAKE_TIMEOUT)).isEqualTo(1);
    assertThat(counters.get(Count.ACTIVATION_TIMEOUT)).isEqualTo(1);
  }

  /** Sends the greeting a byte every 100 ms (never the whole handshake); the seconds until the relay cut it. */
  private static double trickleUntilCut(Socket socket, long start) {
    try {
      OutputStream out = socket.getOutputStream();
      byte[] bytes = Socks5TestClient.handshake(hash("slow"));
      for (int i = 0; i < bytes.length - 1; i++) {
        out.write(bytes[i]);
        out.flush();
        if (i == 2) {
          DataInputStream in = new DataInputStream(socket.getInputStream());
          in.readFully(new byte[2]);
          socket.setSoTimeout(100);
        } else if (i > 2) {
          try {
            if (socket.getInputStream().read() == -1) {
              return (System.nanoTime() - start) / 1e9;
            }
          } catch (java.net.SocketTimeoutException e) {
            // not cut yet
          }
        }
      }
      throw new AssertionError("the slowloris was not cut");
    } catch (IOException e) {
      return (System.nanoTime() - start) / 1e9;
    }
  }

  @Test
  void whatIsNotAXep65HandshakeGetsItsReplyCodeAndIsClosed() throws Exception {
    start();
    assertThat(exchange("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).isEmpty();
    assertThat(exchange(new byte[] {5, 1, 2})).as("no 'no authentication'").containsExactly(5, 0xFF);
    byte[] bind = Socks5TestClient.handshake(hash("x"));
    bind[4] = 2;
    assertThat(exchange(bind)).as("BIND").startsWith(5, 0, 5, 7);
    assertThat(exchange(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0, 80})).as("IPv4 address")
        .startsWith(5, 0, 5, 8);
    byte[] port = Socks5TestClient.handshake(hash("x"));
    port[port.length - 1] = 80;
    assertThat(exchange(port)).as("port 80").startsWith(5, 0, 5, 1);
    byte[] notAHash = Socks5TestClient.handshake("example.org-is-not-a-sha1-hash-of-40-ch");
    assertThat(exchange(notAHash)).as("a domain that is no hash").startsWith(5, 0, 5, 1);
    byte[] random = new byte[600];
    new Random(7).nextBytes(random);
    random[0] = 5;
    random[1] = 0;
    assertThat(exchange(random)).as("no method at all").containsExactly(5, 0xFF);
    await().atMost(Duration.ofSeconds(5)).until(() -> counters.get(Count.BAD_HANDSHAKE) == 7);
  }

  /** What the relay answers {@code bytes} before it closes the connection (unsigned). */
  private int[] exchange(byte[] bytes) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5_000);
      socket.getOutputStream().write(bytes);
      byte[] answer;
      try {
        answer = socket.getInputStream().readAllBytes();
      } catch (java.net.SocketException reset) {
        answer = new byte[0];
      }
      int[] unsigned = new int[answer.length];
      for (int i = 0; i < answer.length; i++) {
        unsigned[i] = Byte.toUnsignedInt(answer[i]);
      }
      return unsigned;
    }
  }

  @Test
  void theRelayRefusesTransfersBeyondItsLimitsAndClosesTheirConnections() throws Exception {
    start("relay.max-transfers", "2", "relay.max-transfers-per-jid", "1");
    try (Socket t1 = connect(server.port(), hash("a")); Socket i1 = connect(server.port(), hash("a"));
         Socket t2 = connect(server.port(), hash("b")); Socket i2 = connect(server.port(), hash("b"));
         Socket t3 = connect(server.port(), hash("c")); Socket i3 = connect(server.port(), hash("c"));
         Socket t4 = connect(server.port(), hash("d")); Socket i4 = connect(server.port(), hash("d"))) {
      assertThat(activate(hash("a"), "alice@localhost")).isEqualTo(Activation.ACTIVATED);
      assertThat(activate(hash("b"), "alice@localhost")).isEqualTo(Activation.INITIATOR_BUSY);
      assertThat(t2.getInputStream().read()).isEqualTo(-1);
      assertThat(i2.getInputStream().read()).isEqualTo(-1);
      assertThat(activate(hash("c"), "carol@localhost")).isEqualTo(Activation.ACTIVATED);
      assertThat(activate(hash("d"), "dave@localhost")).isEqualTo(Activation.RELAY_BUSY);
      assertThat(t4.getInputStream().read()).isEqualTo(-1);
      i1.close();
      assertThat(t1.getInputStream().read()).isEqualTo(-1);
    }
    try (Socket target = connect(server.port(), hash("e")); Socket initiator = connect(server.port(), hash("e"))) {
      await().atMost(Duration.ofSeconds(5)).until(() -> counters.activeTransfers() == 0);
      assertThat(activate(hash("e"), "alice@localhost")).as("alice's slot is free again")
          .isEqualTo(Activation.ACTIVATED);
    }
    assertThat(counters.get(Count.JID_LIMIT)).isEqualTo(1);
    assertThat(counters.get(Count.TRANSFER_LIMIT)).isEqualTo(1);
  }

  @Test
  void connectionsBeyondTheLimitAreClosedAtOnce() throws Exception {
    start("relay.max-connections", "2");
    try (Socket first = connect(server.port(), hash("m")); Socket second = connect(server.port(), hash("n"));
         Socket third = new Socket("127.0.0.1", server.port())) {
      third.setSoTimeout(5_000);
      assertThat(third.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(counters.get(Count.CONNECTION_LIMIT)).isEqualTo(1);
  }

  @Test
  void aTransferOverTheByteLimitIsCutAndOneAtTheLimitIsNot() throws Exception {
    start("relay.max-transfer-bytes", "64KiB");
    assertThat(send(hash("exact"), new byte[64 << 10])).hasSize(64 << 10);
    byte[] over = new byte[256 << 10];
    assertThat(send(hash("over"), over).length).isLessThanOrEqualTo(64 << 10);
    assertThat(counters.get(Count.OVER_MAX_BYTES)).isEqualTo(1);
    assertThat(counters.get(Count.COMPLETED)).isEqualTo(1);
  }

  @Test
  void aTransferRateLimitHoldsTheTransferToItsRate() throws Exception {
    start("relay.transfer-rate", "2MiB");
    long start = System.nanoTime();
    assertThat(send(hash("rate"), new byte[3 << 20])).hasSize(3 << 20);
    assertThat((System.nanoTime() - start) / 1e9).as("3 MiB at 2 MiB/s, 0.2 MiB burst").isGreaterThan(1.3);
  }

  @Test
  void theTotalRateLimitHoldsAllTransfersTogether() throws Exception {
    start("relay.total-rate", "2MiB");
    long start = System.nanoTime();
    CompletableFuture<byte[]> one = CompletableFuture.supplyAsync(() -> sendQuietly(hash("t1"), new byte[3 << 19]));
    CompletableFuture<byte[]> two = CompletableFuture.supplyAsync(() -> sendQuietly(hash("t2"), new byte[3 << 19]));
    assertThat(one.get(20, TimeUnit.SECONDS)).hasSize(3 << 19);
    assertThat(two.get(20, TimeUnit.SECONDS)).hasSize(3 << 19);
    assertThat((System.nanoTime() - start) / 1e9).as("2 × 1.5 MiB at 2 MiB/s in all").isGreaterThan(1.3);
  }

  @Test
  void aTargetThatNeverReadsIsCutAfterTheIdleTimeoutWithBoundedBuffering() throws Exception {
    start("relay.idle-timeout", "1s");
    String hash = hash("idle");
    try (Socket target = connect(server.port(), hash); Socket initiator = connect(server.port(), hash)) {
      assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
      byte[] chunk = new byte[64 << 10];
      CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> {
        try {
          for (int i = 0; i < 10_000; i++) {
            initiator.getOutputStream().write(chunk);
          }
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      assertThatThrownBy(() -> writing.get(10, TimeUnit.SECONDS)).as("the initiator's writes fail once cut")
          .hasCauseInstanceOf(java.io.UncheckedIOException.class);
      await().atMost(Duration.ofSeconds(5)).until(() -> counters.get(Count.IDLE_TIMEOUT) == 1);
      assertThat(counters.get(Count.BYTES)).as("what the relay read: its buffer and the sockets' only")
          .isLessThan(16L << 20);
    }
  }

  @Test
  void stoppingClosesEveryConnection() throws Exception {
    start();
    String hash = hash("stop");
    try (Socket target = connect(server.port(), hash); Socket initiator = connect(server.port(), hash);
         Socket waiting = connect(server.port(), hash("stop-waiting"))) {
      assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
      server.stop();
      server = null;
      assertThat(target.getInputStream().read()).isEqualTo(-1);
      assertThat(initiator.getInputStream().read()).isEqualTo(-1);
      assertThat(waiting.getInputStream().read()).isEqualTo(-1);
    }
  }

  @Test
  void socketsAndThreadsReturnToWhereTheyStartedAfterAThousandTransfers() throws Exception {
    start();
    send(hash("warm-up"), new byte[1]);
    long files = openFiles();
    for (int i = 0; i < 1000; i++) {
      assertThat(send(hash("n" + i), new byte[i % 7])).hasSize(i % 7);
    }
    await().atMost(Duration.ofSeconds(5)).pollInSameThread().until(() -> counters.openConnections() == 0
        && openFiles() <= files);
    assertThat(Thread.getAllStackTraces().keySet()).as("the relay's threads: its selector loop alone")
        .filteredOn(thread -> thread.getName().startsWith("relay-")).hasSize(1);
    assertThat(counters.get(Count.COMPLETED)).isEqualTo(1001);
  }

  /** Sends {@code data} from initiator to target through the relay; what the target received. */
  private byte[] send(String hash, byte[] data) throws Exception {
    try (Socket target = connect(server.port(), hash); Socket initiator = connect(server.port(), hash)) {
      assertThat(activate(hash)).isEqualTo(Activation.ACTIVATED);
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> write(initiator, data));
      target.shutdownOutput();
      byte[] received;
      try {
        received = target.getInputStream().readAllBytes();
      } catch (IOException e) {
        received = new byte[0];
      }
      try {
        sending.get(20, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException cut) {
        // a cut transfer fails the sender's writes
      }
      return received;
    }
  }

  private byte[] sendQuietly(String hash, byte[] data) {
    try {
      return send(hash, data);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void write(Socket socket, byte[] data) {
    try {
      socket.getOutputStream().write(data);
      socket.shutdownOutput();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static long openFiles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
      return files.count();
    }
  }
}
