package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kindling.inject.Kindling;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.bytestreams.BytestreamListener;
import org.jivesoftware.smackx.bytestreams.BytestreamSession;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.filetransfer.FileTransfer;
import org.jivesoftware.smackx.filetransfer.FileTransferManager;
import org.jivesoftware.smackx.filetransfer.OutgoingFileTransfer;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Two Smack clients send bytes through the relay: XEP-0065 sessions ({@code Socks5BytestreamManager}) and XEP-0096
 * file transfers ({@code FileTransferManager}), the proxy found in the server's disco#items and direct streamhosts
 * off, so the relay really carries them; the relay's {@code stats} command confirms it did.
 */
class RelayIT {
  static {
    Socks5Proxy.setLocalSocks5ProxyEnabled(false);
  }

  @XmppServerTest
  void bytestreamsOfZeroOneAnd64MebibytesCrossTheRelayUnchanged(XmppServer server) throws Exception {
    try (Kindling kindling = RelayOnServer.start(server, 0);
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      Socks5BytestreamManager sender = manager(alice);
      Socks5BytestreamManager receiver = manager(bob);
      assertThat(sender.determineProxies()).extracting(Object::toString).contains(server.componentDomain("relay"));
      long sent = 0;
      for (int size : new int[] {0, 1, 64 << 20}) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        assertThat(transfer(sender, receiver, bob, data)).as(size + " bytes").isEqualTo(sha256(data));
        sent += size;
      }
      Map<String, Long> stats = RelayOnServer.stats(carol, server);
      assertThat(stats.get("transfers")).isEqualTo(3);
      assertThat(stats.get("bytes")).isEqualTo(sent);
    }
  }

  @XmppServerTest
  void fileTransfersOfXep96GoThroughTheRelay(XmppServer server) throws Exception {
    try (Kindling kindling = RelayOnServer.start(server, 0);
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      manager(alice);
      manager(bob);
      FileTransferManager sender = FileTransferManager.getInstanceFor(alice.connection());
      FileTransferManager receiver = FileTransferManager.getInstanceFor(bob.connection());
      Map<String, CompletableFuture<String>> received = new ConcurrentHashMap<>();
      receiver.addFileTransferListener(request -> digestInto(
          received.computeIfAbsent(request.getFileName(), n -> new CompletableFuture<>()),
          () -> request.accept().receiveFile()));
      for (int size : new int[] {0, 1, 64 << 20}) {
        byte[] data = new byte[size];
        new Random(size + 1).nextBytes(data);
        String name = "file-" + size + ".bin";
        long relayed = RelayOnServer.stats(carol, server).get("bytes");
        OutgoingFileTransfer transfer = sender.createOutgoingFileTransfer(bob.connection().getUser());
        transfer.sendStream(new ByteArrayInputStream(data), name, size, "a test file");
        await().atMost(Duration.ofSeconds(60)).until(transfer::isDone);
        assertThat(transfer.getStatus()).as(name + ": " + transfer.getException())
            .isEqualTo(FileTransfer.Status.complete);
        String hash = received.computeIfAbsent(name, n -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS);
        if (size > 0) {
          assertThat(hash).as(name).isEqualTo(sha256(data));
        }
        // Smack 4.4.8's Socks5TransferNegotiator reads a first byte and unreads it without checking for the end, so
        // its receiver reads an empty file as one 0xFF byte; what the relay carried is checked instead.
        await().atMost(Duration.ofSeconds(5))
            .until(() -> RelayOnServer.stats(carol, server).get("bytes") == relayed + size);
      }
      assertThat(RelayOnServer.stats(carol, server).get("transfers"))
          .as("the relay carried each, not in-band bytestreams")
          .isEqualTo(3);
    }
  }

  @XmppServerTest
  void fiftyTransfersAtOnceArriveWhole(XmppServer server) throws Exception {
    try (Kindling kindling = RelayOnServer.start(server, 0, "relay.max-transfers-per-jid", "50");
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      Socks5BytestreamManager sender = manager(alice);
      Socks5BytestreamManager receiver = manager(bob);
      Map<String, CompletableFuture<String>> received = new ConcurrentHashMap<>();
      BytestreamListener listener = request -> digestInto(
          received.computeIfAbsent(request.getSessionID(), n -> new CompletableFuture<>()),
          () -> request.accept().getInputStream());
      receiver.addIncomingBytestreamListener(listener);
      ExecutorService senders = Executors.newFixedThreadPool(50);
      try {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
          byte[] data = new byte[256 << 10];
          new Random(i).nextBytes(data);
          String sid = "fifty-" + i;
          all.add(CompletableFuture.runAsync(() -> {
            try (OutputStream out = sender.establishSession(bob.connection().getUser(), sid).getOutputStream()) {
              out.write(data);
            } catch (Exception e) {
              throw new IllegalStateException(sid, e);
            }
            try {
              assertThat(received.computeIfAbsent(sid, n -> new CompletableFuture<>()).get(60, TimeUnit.SECONDS))
                  .as(sid).isEqualTo(sha256(data));
            } catch (Exception e) {
              throw new IllegalStateException(sid, e);
            }
          }, senders));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        assertThat(RelayOnServer.stats(carol, server).get("transfers")).isEqualTo(50);
      } finally {
        senders.shutdownNow();
        receiver.removeIncomingBytestreamListener(listener);
      }
    }
  }

  @XmppServerTest
  void usersTheRelayDoesNotServeAreForbidden(XmppServer server) throws Exception {
    try (Kindling kindling = RelayOnServer.start(server, 0, "relay.allow", "partner.example");
         SmackClient alice = SmackClient.login(server, "alice")) {
      Bytestream query = new Bytestream();
      query.setType(IQ.Type.get);
      query.setTo(JidCreate.from(server.componentDomain("relay")));
      assertThatThrownBy(() -> alice.connection().sendIqRequestAndWaitForResponse(query))
          .isInstanceOfSatisfying(XMPPException.XMPPErrorException.class, e ->
              assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.forbidden));
    }
  }

  @XmppServerTest
  void socketsAndThreadsReturnToWhereTheyStartedAfterAThousandTransfers(XmppServer server) throws Exception {
    try (Kindling kindling = RelayOnServer.start(server, 0, "relay.max-transfers-per-jid", "1000");
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob");
         SmackClient carol = SmackClient.login(server, "carol")) {
      Socks5BytestreamManager sender = manager(alice);
      Socks5BytestreamManager receiver = manager(bob);
      for (int i = 0; i < 50; i++) {
        transfer(sender, receiver, bob, new byte[1]);            // the pools grow to their size, lazily
      }
      long sockets = openSockets();
      Set<String> threads = threadNames();
      for (int i = 0; i < 1000; i++) {
        byte[] data = {(byte) i};
        assertThat(transfer(sender, receiver, bob, data)).as("transfer " + i).isEqualTo(sha256(data));
      }
      await().atMost(Duration.ofSeconds(10)).pollInSameThread().untilAsserted(() -> {
        assertThat(openSockets()).isLessThanOrEqualTo(sockets);
        assertThat(threadNames()).isSubsetOf(threads);
      });
      Map<String, Long> stats = RelayOnServer.stats(carol, server);
      assertThat(stats.get("completed")).isEqualTo(1050);
      assertThat(stats.get("open-connections")).isZero();
    }
  }

  private static Socks5BytestreamManager manager(SmackClient client) {
    Socks5BytestreamManager manager = Socks5BytestreamManager.getBytestreamManager(client.connection());
    manager.setAnnounceLocalStreamHost(false);
    return manager;
  }

  /** Sends {@code data} from the sender to {@code bob} in one bytestream; the SHA-256 of what bob read. */
  private static String transfer(Socks5BytestreamManager sender, Socks5BytestreamManager receiver, SmackClient bob,
      byte[] data) throws Exception {
    CompletableFuture<String> received = new CompletableFuture<>();
    BytestreamListener listener = request -> digestInto(received, () -> request.accept().getInputStream());
    receiver.addIncomingBytestreamListener(listener);
    try {
      BytestreamSession session = sender.establishSession(bob.connection().getUser());
      try (OutputStream out = session.getOutputStream()) {
        out.write(data);
      }
      return received.get(60, TimeUnit.SECONDS);
    } finally {
      receiver.removeIncomingBytestreamListener(listener);
    }
  }





  /** Completes {@code done} with the SHA-256 of the stream {@code accept} opens, or with what failed. */
  private static void digestInto(CompletableFuture<String> done, Callable<InputStream> accept) {
    try (InputStream in = accept.call()) {
      done.complete(sha256(in));
    } catch (Exception e) {
      done.completeExceptionally(e);
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /**
   * The names of the live threads, with a count for names that are not unique; without the JDK's default-named
   * {@code pool-N-thread-M} threads, which are Smack's cached pool growing and shrinking on its own (Kindling names
   * every thread it starts).
   */
  private static Set<String> threadNames() {
    Map<String, Integer> seen = new HashMap<>();
    Set<String> names = new HashSet<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().matches("pool-\\d+-thread-\\d+")) {
        continue;
      }
      names.add(thread.getName() + " #" + seen.merge(thread.getName(), 1, Integer::sum));
    }
    return names;
  }

  /** The TCP sockets this process holds open (the relay's, the clients' and the framework's), by inode. */
  private static long openSockets() throws IOException {
    Set<String> tcp = new HashSet<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Files.readAllLines(Path.of(table)).stream().skip(1).map(line -> line.trim().split("\\s+"))
          .filter(fields -> fields.length > 9).forEach(fields -> tcp.add("socket:[" + fields[9] + "]"));
    }
    try (Stream<Path> files = Files.list(Path.of("/proc/self/fd"))) {
      return files.filter(fd -> {
        try {
          return tcp.contains(Files.readSymbolicLink(fd).toString());
        } catch (IOException gone) {
          return false;
        }
      }).count();
    }
  }
}
