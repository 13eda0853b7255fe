package dev.kindling.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.kindling.stream.StreamErrorException;
import dev.kindling.stream.StreamLimits;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError.Condition;

class ComponentConnectionTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final FakeServer server = new FakeServer();
  private final List<Packet> inbound = new CopyOnWriteArrayList<>();
  private final List<String> states = new CopyOnWriteArrayList<>();
  private ComponentConnection connection;

  ComponentConnectionTest() throws IOException {}

  @AfterEach
  void tearDown() throws IOException {
    if (connection != null) {
      connection.close();
    }
    server.close();
  }

  private CompletableFuture<Void> connectInBackground(ComponentSettings settings) {
    connection = new ComponentConnection(settings);
    connection.addListener((state, cause) -> states.add(state + (cause == null ? "" : ": " + cause.getMessage())));
    return CompletableFuture.runAsync(() -> {
      try {
        connection.connect(inbound::add);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  private FakeServer.Peer connectAndAuthenticate(ComponentSettings settings) throws Exception {
    CompletableFuture<Void> connected = connectInBackground(settings);
    FakeServer.Peer peer = server.accept().authenticate();
    connected.get(5, TimeUnit.SECONDS);
    return peer;
  }

  private static Throwable failureOf(CompletableFuture<Void> connected) throws InterruptedException {
    try {
      connected.get(5, TimeUnit.SECONDS);
      throw new AssertionError("connect() succeeded");
    } catch (ExecutionException e) {
      return e.getCause().getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("connect() did not finish", e);
    }
  }

  /** Plays a server that refuses the component's secret, as Prosody does. */
  private static void refuseTheSecret(FakeServer.Peer peer) throws IOException {
    peer.readUntil("'>");
    peer.write("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'"
        + " id='x1'>");
    peer.readUntil("</handshake>");
    peer.write("<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
        + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>Given token does not match</text></stream:error>"
        + "</stream:stream>");
  }

  private static IQ pingToServer() {
    IQ ping = new IQ(IQ.Type.get);
    ping.setTo(new JID("localhost"));
    ping.setChildElement("ping", "urn:xmpp:ping");
    return ping;
  }

  @Test
  void handshakeSendsTheHeaderAndTheSha1OfStreamIdAndSecret() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      assertThat(peer.received())
          .startsWith("<?xml version='1.0'?><stream:stream xmlns='jabber:component:accept'"
              + " xmlns:stream='http://etherx.jabber.org/streams' to='echo.localhost'>")
          .endsWith("<handshake>a984b871214a298f0f743fcd25f99b10838ba12b</handshake>");
      assertThat(connection.state()).isEqualTo(ConnectionState.AUTHENTICATED);
      assertThat(states).containsExactly("CONNECTING", "AUTHENTICATED");
    }
  }

  @Test
  void stanzasFlowBothWays() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      peer.write("<message from='alice@localhost/r' to='echo.localhost' id='m1'><body>hi</body></message>");
      await().atMost(WAIT).until(() -> inbound.size() == 1);
      Message in = (Message) inbound.get(0);
      assertThat(in.getBody()).isEqualTo("hi");

      Message out = new Message();
      out.setTo(in.getFrom());
      out.setFrom(in.getTo());
      out.setBody("hi yourself");
      assertThat(connection.send(out)).isTrue();

      assertThat(peer.readUntil("</message>"))
          .endsWith("<message to=\"alice@localhost/r\" from=\"echo.localhost\"><body>hi yourself</body></message>");
    }
  }

  @Test
  void stanzaInTheSameWriteAsTheHandshakeIsDelivered() throws Exception {
    CompletableFuture<Void> connected = connectInBackground(server.settings().build());
    try (FakeServer.Peer peer = server.accept().authenticate(
        "<message from='alice@localhost/r' to='echo.localhost' id='early'><body>first</body></message>")) {
      connected.get(5, TimeUnit.SECONDS);

      await().atMost(WAIT).until(() -> inbound.size() == 1);
      assertThat(inbound.get(0).getID()).isEqualTo("early");
      assertThat(connection.state()).isEqualTo(ConnectionState.AUTHENTICATED);
    }
  }

  @Test
  void malformedIqsAreDroppedWithoutLosingTheConnection() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      peer.write("<iq type='result' from='localhost' to='echo.localhost'/>");
      peer.write("<iq type='bogus' id='b1' from='localhost' to='echo.localhost'/>");
      peer.write("<message from='alice@localhost/r' to='echo.localhost' id='after'><body>still here</body></message>");

      await().atMost(WAIT).until(() -> inbound.stream().anyMatch(p -> "after".equals(p.getID())));
      assertThat(connection.state()).isEqualTo(ConnectionState.AUTHENTICATED);
      assertThat(states).containsExactly("CONNECTING", "AUTHENTICATED");
    }
  }

  @Test
  void streamInAnotherNamespaceIsRefused() throws Exception {
    CompletableFuture<Void> connected = connectInBackground(server.settings().build());
    try (FakeServer.Peer peer = server.accept()) {
      peer.readUntil("'>");
      peer.write("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:client' id='c1'>");

      assertThat(failureOf(connected)).isInstanceOfSatisfying(StreamErrorException.class,
          e -> assertThat(e.condition()).isEqualTo(Condition.invalid_namespace));
      assertThat(peer.readToEnd(WAIT)).contains("<invalid-namespace");
    }
  }

  @Test
  void requestIsCompletedByTheAnswerFromItsAddresseeOnly() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      IQ ping = pingToServer();

      CompletableFuture<IQ> answer = connection.request(ping, WAIT);
      String id = ping.getID();
      peer.readUntil("urn:xmpp:ping");
      peer.write("<iq type='result' from='mallory@localhost' to='echo.localhost' id='" + id + "'/>");
      peer.write("<iq type='result' from='localhost' to='echo.localhost' id='" + id + "'/>");

      assertThat(answer.get(5, TimeUnit.SECONDS).getFrom()).isEqualTo(new JID("localhost"));
      await().atMost(WAIT).until(() -> inbound.size() == 1);
      assertThat(inbound.get(0).getFrom()).isEqualTo(new JID("mallory@localhost"));
    }
  }

  @Test
  void requestWithoutAnswerTimesOut() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      IQ ping = pingToServer();

      CompletableFuture<IQ> answer = connection.request(ping, Duration.ofMillis(100));

      assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS))
          .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    }
  }

  @Test
  void wrongSecretIsATypedErrorWithAPlainMessageAndNoRetry() throws Exception {
    CompletableFuture<Void> connected = connectInBackground(server.settings().build());
    try (FakeServer.Peer peer = server.accept()) {
      refuseTheSecret(peer);

      Throwable failure = failureOf(connected);

      assertThat(failure).isInstanceOfSatisfying(StreamErrorException.class, e -> {
        assertThat(e.condition()).isEqualTo(Condition.not_authorized);
        assertThat(e.text()).isEqualTo("Given token does not match");
      }).hasMessage("server at 127.0.0.1:" + server.port() + " refused the secret for echo.localhost (not-authorized; ejabberd also says so for a domain it does not serve)");
      assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
  }

  @Test
  void refusedConnectionHasAOneLineMessage() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    connection = new ComponentConnection(server.settings().port(closedPort).build());

    assertThatThrownBy(() -> connection.connect(inbound::add))
        .isInstanceOf(IOException.class)
        .hasMessage("cannot connect to 127.0.0.1:" + closedPort + ": connection refused");
  }

  @Test
  void silentServerFailsTheHandshakeInTime() throws Exception {
    CompletableFuture<Void> connected =
        connectInBackground(server.settings().handshakeTimeout(Duration.ofMillis(300)).build());
    try (FakeServer.Peer peer = server.accept()) {
      assertThat(failureOf(connected)).hasMessage("server at 127.0.0.1:" + server.port()
          + " did not complete the handshake for echo.localhost within 300 ms");
    }
  }

  @Test
  void entityBombFromTheServerIsRefusedWithRestrictedXml() throws Exception {
    CompletableFuture<Void> connected = connectInBackground(server.settings().build());
    try (FakeServer.Peer peer = server.accept()) {
      peer.readUntil("'>");
      peer.write("<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
          + "<!ENTITY lol1 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>]>"
          + "<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='1'>");

      assertThat(failureOf(connected)).isInstanceOfSatisfying(StreamErrorException.class,
          e -> assertThat(e.condition()).isEqualTo(Condition.restricted_xml));
      assertThat(peer.readToEnd(WAIT))
          .contains("<stream:error xmlns:stream=\"http://etherx.jabber.org/streams\">"
              + "<restricted-xml xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
          .endsWith("</stream:stream>");
    }
  }

  @Test
  void oversizedStanzaEndsTheStreamWithPolicyViolationWithoutReadingItAll() throws Exception {
    ComponentSettings settings = server.settings().limits(new StreamLimits(16 * 1024, 16)).build();
    FakeServer.Peer peer = connectAndAuthenticate(settings);
    byte[] chunk = "x".repeat(64 * 1024).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    long written = 0;
    try (peer) {
      peer.write("<message to='echo.localhost'><body>");
      for (int i = 0; i < 1024 && written < 64L * 1024 * 1024; i++) {
        peer.write(chunk);
        written += chunk.length;
      }
    } catch (IOException expected) {
      // the component reset the connection: it stopped reading
    }

    assertThat(written).as("bytes the component accepted before closing").isLessThan(64L * 1024 * 1024);
    assertThat(inbound).isEmpty();
    await().atMost(WAIT).until(() -> states.stream().anyMatch(s -> s.startsWith("DISCONNECTED")));
    assertThat(states).anyMatch(s -> s.contains("stanza larger than 16384 bytes (policy-violation)"));
  }

  @Test
  void oversizedStanzaGetsThePolicyViolationStreamError() throws Exception {
    ComponentSettings settings = server.settings().limits(new StreamLimits(1024, 16)).build();
    try (FakeServer.Peer peer = connectAndAuthenticate(settings)) {
      peer.write("<message to='echo.localhost'><body>" + "y".repeat(4096) + "</body></message>");

      assertThat(peer.readToEnd(WAIT))
          .contains("<policy-violation xmlns=\"urn:ietf:params:xml:ns:xmpp-streams\"/>")
          .endsWith("</stream:stream>");
    }
  }

  @Test
  void unknownTopLevelElementIsAnUnsupportedStanzaType() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      peer.write("<query xmlns='jabber:iq:roster'/>");

      assertThat(peer.readToEnd(WAIT)).contains("<unsupported-stanza-type");
    }
  }

  @Test
  void serverShutdownIsReportedAndTheComponentComesBack() throws Exception {
    FakeServer.Peer first = connectAndAuthenticate(server.settings().build());
    first.write("<stream:error><system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
        + "</stream:stream>");
    first.close();

    try (FakeServer.Peer second = server.accept().authenticate()) {
      await().atMost(WAIT).until(() -> connection.state() == ConnectionState.AUTHENTICATED
          && states.size() == 5);
      assertThat(states).containsExactly("CONNECTING", "AUTHENTICATED",
          "DISCONNECTED: server at 127.0.0.1:" + server.port() + " is shutting down (system-shutdown)",
          "CONNECTING", "AUTHENTICATED");
    }
  }

  @Test
  void stanzasSentTheMomentTheConnectionDropsGoOutAfterReconnecting() throws Exception {
    FakeServer.Peer first = connectAndAuthenticate(server.settings().build());
    connection.addListener((state, cause) -> {
      if (state == ConnectionState.DISCONNECTED) {
        for (int i = 0; i < 10; i++) {
          Message late = new Message();
          late.setTo(new JID("alice@localhost"));
          late.setBody("queued " + i);
          connection.send(late);
        }
      }
    });
    first.close();

    try (FakeServer.Peer second = server.accept().authenticate()) {
      assertThat(second.readUntil("<body>queued 9</body>")).contains("<body>queued 0</body>");
    }
  }

  @Test
  void conflictMetWhileReconnectingIsRetried() throws Exception {
    FakeServer.Peer first = connectAndAuthenticate(server.settings().build());
    first.close();
    try (FakeServer.Peer stale = server.accept()) {
      stale.readUntil("'>");
      stale.write("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'"
          + " id='s2'><stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");
    }

    try (FakeServer.Peer third = server.accept().authenticate()) {
      await().atMost(WAIT).until(() -> connection.state() == ConnectionState.AUTHENTICATED
          && states.get(states.size() - 1).equals("AUTHENTICATED") && states.size() > 2);
      assertThat(states).anyMatch(s -> s.endsWith("(conflict)"));
    }
  }

  @Test
  void sessionEndedByAConflictIsNotRetried() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      peer.write("<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>");

      await().atMost(WAIT).until(() -> connection.state() == ConnectionState.CLOSED);
      assertThat(states).last().asString().endsWith("already has a component connected as echo.localhost (conflict)");
    }
  }

  @Test
  void sendDuringCloseIsRefusedRatherThanLost() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      CompletableFuture<Void> closed = CompletableFuture.runAsync(connection::close);
      peer.readUntil("</stream:stream>");

      assertThat(connection.send(new Message())).isFalse();
      peer.write("</stream:stream>");
      closed.get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void deadConnectionIsNoticedByKeepalive() throws Exception {
    ComponentSettings settings = server.settings()
        .keepaliveInterval(Duration.ofMillis(200)).keepaliveTimeout(Duration.ofMillis(300)).build();
    try (FakeServer.Peer silent = connectAndAuthenticate(settings)) {
      silent.readUntil("urn:xmpp:ping");

      await().atMost(WAIT).until(() -> states.stream().anyMatch(s -> s.startsWith("DISCONNECTED")));
      assertThat(states).contains("DISCONNECTED: server at 127.0.0.1:" + server.port()
          + " did not answer a keepalive ping within 300 ms");
      assertThat(silent.received()).contains("to=\"localhost\"");
    }
  }

  @Test
  void closeSendsWhatIsQueuedThenTheClosingTag() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      Message last = new Message();
      last.setTo(new JID("alice@localhost"));
      last.setBody("bye");
      connection.send(last);
      CompletableFuture<Void> closed = CompletableFuture.runAsync(connection::close);

      assertThat(peer.readUntil("</stream:stream>")).contains("<body>bye</body></message></stream:stream>");
      peer.write("</stream:stream>");
      closed.get(5, TimeUnit.SECONDS);
      assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
      assertThat(connection.send(last)).isFalse();
    }
  }

  @Test
  void sendQueueIsBoundedAndCountsWhatItDrops() {
    connection = new ComponentConnection(server.settings().sendQueueCapacity(2).build());
    Message message = new Message();

    assertThat(connection.send(message)).isTrue();
    assertThat(connection.send(message.createCopy())).isTrue();
    assertThat(connection.send(message.createCopy())).isFalse();
    assertThat(connection.droppedCount()).isEqualTo(1);
  }

  @Test
  void serverThatStopsReadingBlocksNeitherTheReaderNorTheSenders() throws Exception {
    int count = 4_000;
    String body = "x".repeat(4096);
    List<String> sentIds = new CopyOnWriteArrayList<>();
    connection = new ComponentConnection(server.settings().sendQueueCapacity(2 * count).build());
    CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
      try {
        connection.connect(packet -> {
          inbound.add(packet);
          if ("flood".equals(packet.getID())) {
            // On the reader thread, ~16 MiB: far more than the socket buffers take while the server reads nothing.
            for (int i = 0; i < count; i++) {
              Message out = new Message();
              out.setTo(new JID("alice@localhost"));
              out.setID("m" + i);
              out.setBody(body);
              if (connection.send(out)) {
                sentIds.add(out.getID());
              }
            }
          }
        });
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (FakeServer.Peer peer = server.accept().authenticate()) {
      connected.get(5, TimeUnit.SECONDS);
      peer.write("<message from='alice@localhost/r' to='echo.localhost' id='flood'/>");
      await().atMost(WAIT).until(() -> sentIds.size() == count);

      peer.write("<message from='alice@localhost/r' to='echo.localhost' id='still-read'/>");
      await().atMost(WAIT).until(() -> inbound.size() == 2);

      String received = peer.readUntil("id=\"m" + (count - 1) + "\"");
      int from = 0;
      for (int i = 0; i < count; i++) {
        int at = received.indexOf("id=\"m" + i + "\"", from);
        assertThat(at).as("message m%d, in order", i).isGreaterThan(from);
        from = at;
      }
      assertThat(connection.state()).isEqualTo(ConnectionState.AUTHENTICATED);
    }
  }

  @Test
  void waitingForAnAnswerOnTheReaderThreadIsRefusedNotAStall() throws Exception {
    CompletableFuture<Throwable> refusal = new CompletableFuture<>();
    connection = new ComponentConnection(server.settings().build());
    CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
      try {
        connection.connect(packet -> {
          try {
            connection.request(pingToServer(), WAIT).thenApply(IQ::getID).join();
            refusal.complete(null);
          } catch (IllegalStateException e) {
            refusal.complete(e);
          }
        });
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (FakeServer.Peer peer = server.accept().authenticate()) {
      connected.get(5, TimeUnit.SECONDS);
      peer.write("<message from='alice@localhost/r' to='echo.localhost' id='m1'><body>ask</body></message>");

      assertThat(refusal.get(5, TimeUnit.SECONDS)).isNotNull().hasMessageContaining("could stall the connection")
          .hasMessageContaining("@Blocking");
    }
  }

  @Test
  void closeCalledOnTheReaderThreadStillSendsWhatIsQueuedThenTheClosingTag() throws Exception {
    connection = new ComponentConnection(server.settings().build());
    CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
      try {
        connection.connect(packet -> {
          Message bye = new Message();
          bye.setTo(packet.getFrom());
          bye.setBody("bye");
          connection.send(bye);
          connection.close();
        });
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (FakeServer.Peer peer = server.accept().authenticate()) {
      connected.get(5, TimeUnit.SECONDS);
      peer.write("<message from='admin@localhost/r' to='echo.localhost' id='stop'><body>stop</body></message>");

      assertThat(peer.readUntil("</stream:stream>")).contains("<body>bye</body></message></stream:stream>");
      peer.write("</stream:stream>");
      assertThat(peer.readToEnd(WAIT)).endsWith("</stream:stream>");
      assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
  }

  @Test
  void emptyStreamIdFollowedByAStreamErrorReportsTheServersError() throws Exception {
    CompletableFuture<Void> connected = connectInBackground(server.settings().build());
    try (FakeServer.Peer peer = server.accept()) {
      peer.readUntil("'>");
      peer.write("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'"
          + " id=''><stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
          + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>echo.localhost does not match any configured external"
          + " components</text></stream:error></stream:stream>");

      assertThat(failureOf(connected)).isInstanceOfSatisfying(StreamErrorException.class,
          e -> assertThat(e.condition()).isEqualTo(Condition.host_unknown))
          .hasMessage("server at 127.0.0.1:" + server.port() + " does not serve the component domain echo.localhost"
              + " (host-unknown)");
      assertThat(peer.received()).doesNotContain("<handshake>");
    }
  }

  @Test
  void emptyStreamIdWithoutAStreamErrorIsInvalidId() throws Exception {
    CompletableFuture<Void> connected = connectInBackground(server.settings().build());
    try (FakeServer.Peer peer = server.accept()) {
      peer.readUntil("'>");
      peer.write("<stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept'>");
      peer.close();

      assertThat(failureOf(connected)).isInstanceOfSatisfying(StreamErrorException.class,
          e -> assertThat(e.condition()).isEqualTo(Condition.invalid_id))
          .hasMessage("server at 127.0.0.1:" + server.port() + " sent no stream id, which the handshake needs"
              + " (invalid-id)");
    }
  }

  @Test
  void aFirstConnectThatCannotReachTheServerKeepsTryingWhenAsked() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    connection = new ComponentConnection(server.settings().port(port).build());
    connection.addListener((state, cause) -> states.add(state.toString()));

    connection.connect(inbound::add, true);

    assertThat(connection.state()).isEqualTo(ConnectionState.DISCONNECTED);
    try (FakeServer late = new FakeServer(port); FakeServer.Peer peer = late.accept().authenticate()) {
      await().atMost(WAIT).until(() -> connection.state() == ConnectionState.AUTHENTICATED);
      assertThat(states).startsWith("CONNECTING", "DISCONNECTED", "CONNECTING").endsWith("AUTHENTICATED");
    }
  }

  @Test
  void aRefusalAtTheFirstConnectIsNotRetriedEvenWhenAskedToKeepTrying() throws Exception {
    connection = new ComponentConnection(server.settings().build());
    CompletableFuture<Void> connected = CompletableFuture.runAsync(() -> {
      try {
        connection.connect(inbound::add, true);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    try (FakeServer.Peer peer = server.accept()) {
      refuseTheSecret(peer);

      assertThat(failureOf(connected)).isInstanceOf(StreamErrorException.class);
      assertThat(connection.state()).isEqualTo(ConnectionState.CLOSED);
    }
  }

  @Test
  void stateChangesAreToldInOrderEvenWhenAListenerClosesTheConnection() throws Exception {
    FakeServer.Peer peer = connectAndAuthenticate(server.settings().build());
    List<String> second = new CopyOnWriteArrayList<>();
    connection.addListener((state, cause) -> {
      if (state == ConnectionState.DISCONNECTED) {
        connection.close();
      }
    });
    connection.addListener((state, cause) -> second.add(state.toString()));

    peer.close();

    await().atMost(WAIT).until(() -> connection.state() == ConnectionState.CLOSED && second.contains("CLOSED"));
    assertThat(states).hasSize(4).last().isEqualTo("CLOSED");
    assertThat(states.get(2)).startsWith("DISCONNECTED");
    assertThat(second).containsExactly("DISCONNECTED", "CLOSED");
  }

  @Test
  void sendAllSendsOneCopyPerRecipientThroughAQueueSmallerThanTheFanOut() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().sendQueueCapacity(100).build())) {
      Message template = new Message();
      template.setFrom(new JID("echo.localhost"));
      template.setType(Message.Type.headline);
      template.setBody("news & more");
      List<JID> recipients = java.util.stream.IntStream.range(0, 1000)
          .mapToObj(i -> new JID("user" + i + "@localhost/r'" + i)).toList();

      CompletableFuture<Void> queued = connection.sendAll(template, recipients);

      String all = peer.readUntil("user999@localhost/r'999\"><body>news &amp; more</body></message>");
      queued.get(5, TimeUnit.SECONDS);
      java.util.regex.Matcher copies = java.util.regex.Pattern.compile(
          "<message from=\"echo.localhost\" type=\"headline\" to=\"user(\\d+)@localhost/r'\\1\">"
              + "<body>news &amp; more</body></message>").matcher(all);
      java.util.Set<String> seen = new java.util.HashSet<>();
      while (copies.find()) {
        seen.add(copies.group(1));
      }
      assertThat(seen).hasSize(1000);
      assertThat(connection.queued()).isZero();
    }
  }

  @Test
  void withAMulticastServiceSendAllSendsOneStanzaPerGroupOfBccAddresses() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings()
        .multicast(new Multicast("multicast.localhost", 20)).build())) {
      Message template = new Message();
      template.setFrom(new JID("echo.localhost"));
      template.setBody("news");
      List<JID> recipients = java.util.stream.IntStream.range(0, 45)
          .mapToObj(i -> new JID("user" + i + "@localhost")).toList();

      connection.sendAll(template, recipients).get(5, TimeUnit.SECONDS);
      connection.sendAll(template, List.of(new JID("alone@localhost"))).get(5, TimeUnit.SECONDS);
      connection.sendAll(template, List.of(new JID("a@other.example"), new JID("b@other.example")))
          .get(5, TimeUnit.SECONDS);

      String all = peer.readUntil("to=\"b@other.example\"><body>news</body></message>");
      assertThat(all).as("one recipient, and those of another server, get a copy each")
          .contains("to=\"alone@localhost\"><body>news</body></message>")
          .contains("to=\"a@other.example\"><body>news</body></message>");
      java.util.regex.Matcher stanzas = java.util.regex.Pattern.compile("<message from=\"echo.localhost\""
          + " to=\"multicast.localhost\"><body>news</body><addresses xmlns=\"http://jabber.org/protocol/address\">"
          + "(.*?)</addresses></message>").matcher(all);
      List<Integer> addressesPerStanza = new java.util.ArrayList<>();
      java.util.Set<String> addressed = new java.util.HashSet<>();
      while (stanzas.find()) {
        java.util.regex.Matcher address = java.util.regex.Pattern.compile(
            "<address type=\"bcc\" jid=\"(user\\d+@localhost)\"/>").matcher(stanzas.group(1));
        int count = 0;
        while (address.find()) {
          addressed.add(address.group(1));
          count++;
        }
        addressesPerStanza.add(count);
      }
      assertThat(addressesPerStanza).containsExactly(20, 20, 5);
      assertThat(addressed).hasSize(45);
    }
  }

  @Test
  void aStanzaFromOutsideTheDomainIsRefusedAndOneWithoutFromIsSentFromTheDomain() throws Exception {
    try (FakeServer.Peer peer = connectAndAuthenticate(server.settings().build())) {
      Message foreign = new Message();
      foreign.setFrom(new JID("bot@other.example"));

      assertThatThrownBy(() -> connection.send(foreign)).isInstanceOf(IllegalArgumentException.class)
          .hasMessage("cannot send from bot@other.example: a component sends only from addresses of its own domain"
              + " echo.localhost (XEP-0114 §3)");

      Message fromBot = new Message();
      fromBot.setFrom(new JID("bot@echo.localhost/Nick"));
      fromBot.setBody("one");
      Message anonymous = new Message();
      anonymous.setBody("two");
      connection.send(fromBot);
      connection.send(anonymous);
      assertThat(peer.readUntil("two</body></message>")).contains("<message from=\"bot@echo.localhost/Nick\">"
          + "<body>one</body>", "<message from=\"echo.localhost\"><body>two</body>");
    }
  }

  @Test
  void whoWaitsForRoomIsToldWhenTheConnectionCloses() throws Exception {
    connection = new ComponentConnection(server.settings().sendQueueCapacity(2).build());
    connection.send(new Message());
    connection.send(new Message());
    CompletableFuture<Void> room = connection.whenRoom();
    assertThat(room).isNotDone();

    connection.close();

    assertThatThrownBy(() -> room.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(IOException.class)
        .hasMessageContaining("connection of echo.localhost closed");
  }
}
