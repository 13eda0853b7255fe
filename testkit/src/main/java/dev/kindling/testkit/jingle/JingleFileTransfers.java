package dev.kindling.testkit.jingle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.bytestreams.socks5.packet.Bytestream;
import org.jivesoftware.smackx.hashes.HashManager;
import org.jivesoftware.smackx.hashes.element.HashElement;
import org.jivesoftware.smackx.jingle.element.Jingle;
import org.jivesoftware.smackx.jingle.element.JingleAction;
import org.jivesoftware.smackx.jingle.element.JingleContent;
import org.jivesoftware.smackx.jingle.element.JingleContentTransportCandidate;
import org.jivesoftware.smackx.jingle.element.JingleContentTransportInfo;
import org.jivesoftware.smackx.jingle.element.JingleReason;
import org.jivesoftware.smackx.jingle.provider.JingleContentProviderManager;
import org.jivesoftware.smackx.jingle.transports.jingle_s5b.elements.JingleS5BTransport;
import org.jivesoftware.smackx.jingle.transports.jingle_s5b.elements.JingleS5BTransportCandidate;
import org.jivesoftware.smackx.jingle.transports.jingle_s5b.elements.JingleS5BTransportInfo;
import org.jivesoftware.smackx.jingle.transports.jingle_s5b.provider.JingleS5BTransportProvider;
import org.jivesoftware.smackx.jingle_filetransfer.element.JingleFileTransfer;
import org.jivesoftware.smackx.jingle_filetransfer.element.JingleFileTransferChild;
import org.jivesoftware.smackx.jingle_filetransfer.provider.JingleFileTransferProvider;
import org.jxmpp.jid.FullJid;
import org.jxmpp.jid.Jid;

/**
 * A Jingle file-transfer client on a Smack connection, for tests: XEP-0234 (file-transfer:5, the file's name, size
 * and SHA-256) over the XEP-0260 SOCKS5 transport with a proxy candidate, the part no library on Maven Central
 * does whole (Smack 4.4's {@code JingleFileTransferManager} is empty; its Jingle, S5B and file elements are used
 * here). Enough to prove a real Jingle transfer through a SOCKS5 proxy such as Kindling's relay:
 *
 * <pre>{@code
 * try (JingleFileTransfers alice = JingleFileTransfers.of(aliceConnection);
 *      JingleFileTransfers bob = JingleFileTransfers.of(bobConnection)) {
 *   CompletableFuture<JingleFileTransfers.Received> received = bob.receiveNext();
 *   JingleReason.Reason end = alice.send(bobsFullJid, "report.pdf", bytes, proxyJid).get(5, MINUTES);
 *   assertThat(received.get(5, MINUTES).hashMatches()).isTrue();
 * }
 * }</pre>
 *
 * <p>The sender offers one candidate, the proxy's streamhost (asked of the proxy, XEP-0065 §6.3.1), so the bytes
 * really go through it; the receiver offers none. The flow (XEP-0260 §2): {@code session-initiate} with the file
 * and the candidate; {@code session-accept}; the receiver connects to the proxy and says {@code candidate-used},
 * the sender, having nothing to try, {@code candidate-error}; the sender connects too, activates the bytestream at
 * the proxy and says {@code activated} (or {@code proxy-error} and ends the session with
 * {@code failed-transport}); it sends the bytes; the receiver checks them against the offered hash and ends the
 * session with {@code success} (or {@code media-error}); a side that fails ends the session too. Both ends accept
 * everything offered to them, and each expects the other to be this class (a proxy candidate only, the bytes until
 * the end of the stream): a test tool, not a client for people. One instance per connection, since it takes the
 * connection's Jingle requests; a step waits at most 60 s, so give a whole transfer a few minutes.
 */
public final class JingleFileTransfers implements AutoCloseable {
  private static final long WAIT_SECONDS = 60;
  private static final AtomicInteger THREADS = new AtomicInteger();
  /** The connections with an open instance: one each, since each takes the connection's Jingle requests. */
  private static final Map<XMPPConnection, Boolean> OPEN = new java.util.WeakHashMap<>();

  static {
    JingleContentProviderManager.addJingleContentTransportProvider(JingleS5BTransport.NAMESPACE_V1,
        new JingleS5BTransportProvider());
    JingleContentProviderManager.addJingleContentDescriptionProvider(JingleFileTransfer.NAMESPACE_V5,
        new JingleFileTransferProvider());
  }

  /** A file this client received. */
  public record Received(FullJid from, String name, byte[] data, boolean hashMatches) {}

  private final XMPPConnection connection;
  private final Map<String, BlockingQueue<Jingle>> sessions = new ConcurrentHashMap<>();
  private final BlockingQueue<Jingle> offers = new LinkedBlockingQueue<>();
  private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "jingle-ft-" + THREADS.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });
  private final IQRequestHandler previous;

  private JingleFileTransfers(XMPPConnection connection) {
    this.connection = connection;
    synchronized (OPEN) {
      if (OPEN.put(connection, Boolean.TRUE) != null) {
        throw new IllegalStateException("Jingle file transfers are open on " + connection + " already: one per"
            + " connection");
      }
    }
    this.previous = connection.registerIQRequestHandler(new AbstractIqRequestHandler(Jingle.ELEMENT,
        Jingle.NAMESPACE, IQ.Type.set, IQRequestHandler.Mode.async) {
      @Override
      public IQ handleIQRequest(IQ request) {
        Jingle jingle = (Jingle) request;
        if (jingle.getAction() == JingleAction.session_initiate) {
          offers.add(jingle);
          return IQ.createResultIQ(request);
        }
        BlockingQueue<Jingle> session = sessions.get(jingle.getSid());
        if (session == null) {
          return IQ.createErrorResponse(request, org.jivesoftware.smack.packet.StanzaError.Condition.item_not_found);
        }
        session.add(jingle);
        return IQ.createResultIQ(request);
      }
    });
  }

  /** Jingle file transfers on {@code connection} (logged in), until {@link #close}. */
  public static JingleFileTransfers of(XMPPConnection connection) {
    return new JingleFileTransfers(connection);
  }

  /**
   * Sends {@code data} as file {@code name} to {@code to}, through the SOCKS5 proxy {@code proxy} (XEP-0065).
   *
   * @return the reason the session ended with: the receiver's ({@code success} when it got the file whole,
   *     {@code media-error} when the hash did not match, {@code general-error} if it gave none), or this side's
   *     {@code failed-transport} when the receiver could not use the proxy or the proxy refused the activation
   */
  public CompletableFuture<JingleReason.Reason> send(FullJid to, String name, byte[] data, Jid proxy) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return sendNow(to, name, data, proxy);
      } catch (Exception e) {
        throw new IllegalStateException("Jingle transfer of " + name + " to " + to + " failed", e);
      }
    }, workers);
  }

  /** Accepts the next file offered to this client and receives it. */
  public CompletableFuture<Received> receiveNext() {
    return CompletableFuture.supplyAsync(() -> {
      try {
        Jingle offer = offers.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (offer == null) {
          throw new IllegalStateException("no file was offered within " + WAIT_SECONDS + " s");
        }
        return receive(offer);
      } catch (Exception e) {
        throw new IllegalStateException("receiving a Jingle file failed", e);
      }
    }, workers);
  }

  private JingleReason.Reason sendNow(FullJid to, String name, byte[] data, Jid proxy) throws Exception {
    FullJid me = connection.getUser();
    Bytestream.StreamHost host = streamhost(proxy);
    String sid = UUID.randomUUID().toString();
    String transportSid = UUID.randomUUID().toString();
    String cid = "proxy-" + UUID.randomUUID();
    String dstaddr = hash(transportSid, me, to);
    BlockingQueue<Jingle> events = sessions.computeIfAbsent(sid, s -> new LinkedBlockingQueue<>());
    JingleFileTransferChild file = JingleFileTransferChild.getBuilder().setName(name).setSize(data.length)
        .setHash(new HashElement(HashManager.ALGORITHM.SHA_256, sha256(data))).build();
    JingleS5BTransport transport = JingleS5BTransport.getBuilder().setStreamId(transportSid)
        .setDestinationAddress(dstaddr).setMode(Bytestream.Mode.tcp)
        .addTransportCandidate(new JingleS5BTransportCandidate(cid, host.getAddress(), host.getJID(), host.getPort(),
            JingleS5BTransportCandidate.Type.proxy.getWeight() << 16, JingleS5BTransportCandidate.Type.proxy))
        .build();
    request(jingle(to, sid, JingleAction.session_initiate).setInitiator(me)
        .addJingleContent(content(new JingleFileTransfer(List.of(file)), transport)).build());
    boolean ended = false;
    try {
      next(events, JingleAction.session_accept);
      request(transportInfo(to, sid, me, transportSid, dstaddr, JingleS5BTransport.getBuilder().setCandidateError()));
      Jingle used = next(events, JingleAction.transport_info);
      JingleContentTransportInfo info = ((JingleS5BTransport) used.getSoleContentOrThrow().getTransport()).getInfo();
      if (!(info instanceof JingleS5BTransportInfo.CandidateUsed candidate)
          || !candidate.getCandidateId().equals(cid)) {
        ended = true;
        terminate(to, sid, JingleReason.Reason.failed_transport);
        return JingleReason.Reason.failed_transport;
      }
      try (Socket socket = Socks5Client.connect(host.getAddress().toString(), host.getPort(), dstaddr)) {
        try {
          Bytestream activate = new Bytestream(transportSid);
          activate.setType(IQ.Type.set);
          activate.setTo(proxy);
          activate.setToActivate(to);
          connection.sendIqRequestAndWaitForResponse(activate);
        } catch (org.jivesoftware.smack.XMPPException.XMPPErrorException refused) {
          request(transportInfo(to, sid, me, transportSid, dstaddr, JingleS5BTransport.getBuilder().setProxyError()));
          ended = true;
          terminate(to, sid, JingleReason.Reason.failed_transport);
          return JingleReason.Reason.failed_transport;
        }
        request(transportInfo(to, sid, me, transportSid, dstaddr,
            JingleS5BTransport.getBuilder().setCandidateActivated(cid)));
        OutputStream out = socket.getOutputStream();
        out.write(data);
        socket.shutdownOutput();
        Jingle end = next(events, JingleAction.session_terminate);
        ended = true;
        return end.getReason() == null ? JingleReason.Reason.general_error : end.getReason().asEnum();
      }
    } catch (Exception e) {
      if (!ended) {
        terminateQuietly(to, sid, e);
      }
      throw e;
    } finally {
      sessions.remove(sid);
    }
  }

  /** Ends a session that failed on this side (XEP-0166 §6.7), as far as the connection still can. */
  private void terminateQuietly(FullJid to, String sid, Exception cause) {
    try {
      terminate(to, sid, cause instanceof java.util.concurrent.TimeoutException
          || cause instanceof java.net.SocketTimeoutException ? JingleReason.Reason.timeout
          : JingleReason.Reason.general_error);
    } catch (Exception gone) {
      cause.addSuppressed(gone);
    }
  }

  private Received receive(Jingle offer) throws Exception {
    FullJid me = connection.getUser();
    FullJid from = offer.getInitiator() != null ? offer.getInitiator() : offer.getFrom().asFullJidOrThrow();
    String sid = offer.getSid();
    BlockingQueue<Jingle> events = sessions.computeIfAbsent(sid, s -> new LinkedBlockingQueue<>());
    boolean ended = false;
    try {
      JingleContent content = offer.getSoleContentOrThrow();
      JingleFileTransferChild file = (JingleFileTransferChild) content.getDescription()
          .getJingleContentDescriptionChildren().get(0);
      JingleS5BTransport offered = (JingleS5BTransport) content.getTransport();
      String transportSid = offered.getStreamId();
      request(jingle(from, sid, JingleAction.session_accept).setInitiator(from).setResponder(me)
          .addJingleContent(content(content.getDescription(), JingleS5BTransport.getBuilder()
              .setStreamId(transportSid).setDestinationAddress(hash(transportSid, me, from))
              .setMode(Bytestream.Mode.tcp).build())).build());
      String dstaddr = hash(transportSid, from, me);
      Socket socket = null;
      String used = null;
      for (JingleContentTransportCandidate candidate : offered.getCandidates()) {
        JingleS5BTransportCandidate s5b = (JingleS5BTransportCandidate) candidate;
        try {
          socket = Socks5Client.connect(s5b.getHost().toString(), s5b.getPort(), dstaddr);
          used = s5b.getCandidateId();
          break;
        } catch (IOException unreachable) {
          // the next candidate
        }
      }
      try (Socket stream = socket) {
        JingleS5BTransport.Builder answer = JingleS5BTransport.getBuilder();
        request(transportInfo(from, sid, from, transportSid, dstaddr,
            used == null ? answer.setCandidateError() : answer.setCandidateUsed(used)));
        if (stream == null) {
          ended = true;
          terminate(from, sid, JingleReason.Reason.connectivity_error);
          throw new IOException("could not connect to any candidate of " + from);
        }
        awaitActivated(events);
        byte[] data = stream.getInputStream().readAllBytes();
        boolean matches = file.getHash() == null
            || MessageDigest.isEqual(file.getHash().getHash(), sha256(data));
        ended = true;
        terminate(from, sid, matches && data.length == file.getSize()
            ? JingleReason.Reason.success : JingleReason.Reason.media_error);
        return new Received(from, file.getName(), data, matches);
      }
    } catch (Exception e) {
      if (!ended && !(e instanceof ProxyError)) {
        terminateQuietly(from, sid, e);
      }
      throw e;
    } finally {
      sessions.remove(sid);
    }
  }

  /** The sender said {@code proxy-error}: it could not activate the bytestream, and ends the session itself. */
  private static final class ProxyError extends IOException {
    ProxyError() {
      super("the sender could not activate the bytestream at the proxy (proxy-error)");
    }
  }

  /** Waits for the sender's {@code activated} (or {@code proxy-error}, which fails the transfer). */
  private void awaitActivated(BlockingQueue<Jingle> events) throws Exception {
    while (true) {
      Jingle info = next(events, JingleAction.transport_info);
      JingleContentTransportInfo what = ((JingleS5BTransport) info.getSoleContentOrThrow().getTransport()).getInfo();
      if (what instanceof JingleS5BTransportInfo.CandidateActivated) {
        return;
      }
      if (what instanceof JingleS5BTransportInfo.ProxyError) {
        next(events, JingleAction.session_terminate);        // the sender ends the session; answered before leaving
        throw new ProxyError();
      }
    }
  }

  private Bytestream.StreamHost streamhost(Jid proxy) throws Exception {
    Bytestream query = new Bytestream();
    query.setType(IQ.Type.get);
    query.setTo(proxy);
    Bytestream answer = connection.sendIqRequestAndWaitForResponse(query);
    return answer.getStreamHosts().iterator().next();
  }

  /** The next action {@code expected} of a session; a {@code session-terminate} instead fails the transfer. */
  private static Jingle next(BlockingQueue<Jingle> events, JingleAction expected) throws Exception {
    Jingle event = events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      throw new IOException("no " + expected + " within " + WAIT_SECONDS + " s");
    }
    if (event.getAction() != expected) {
      if (event.getAction() == JingleAction.session_terminate) {
        throw new IOException("the peer ended the session: "
            + (event.getReason() == null ? "no reason" : event.getReason().asEnum()));
      }
      return next(events, expected);
    }
    return event;
  }

  private Jingle.Builder jingle(FullJid to, String sid, JingleAction action) {
    return Jingle.builder(connection).ofType(IQ.Type.set).to(to).setSessionId(sid).setAction(action);
  }

  private static JingleContent content(org.jivesoftware.smackx.jingle.element.JingleContentDescription description,
      JingleS5BTransport transport) {
    return JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName("file")
        .setSenders(JingleContent.Senders.initiator).setDescription(description).setTransport(transport).build();
  }

  private Jingle transportInfo(FullJid to, String sid, FullJid initiator, String transportSid, String dstaddr,
      JingleS5BTransport.Builder info) {
    return jingle(to, sid, JingleAction.transport_info).setInitiator(initiator)
        .addJingleContent(JingleContent.getBuilder().setCreator(JingleContent.Creator.initiator).setName("file")
            .setTransport(info.setStreamId(transportSid).setDestinationAddress(dstaddr).build()).build()).build();
  }

  private void terminate(FullJid to, String sid, JingleReason.Reason reason) throws Exception {
    request(jingle(to, sid, JingleAction.session_terminate).setReason(reason).build());
  }

  private void request(Jingle jingle) throws Exception {
    connection.sendIqRequestAndWaitForResponse(jingle);
  }

  /** The SOCKS5 destination address of a XEP-0260 transport: SHA-1 of SID + requester + target, in hex. */
  static String hash(String transportSid, Jid requester, Jid target) {
    return Socks5Client.hash(transportSid, requester.toString(), target.toString());
  }

  private static byte[] sha256(byte[] data) throws NoSuchAlgorithmException {
    return MessageDigest.getInstance("SHA-256").digest(data);
  }

  /** Stops handling Jingle requests (the handler before, if any, comes back) and ends the worker threads. */
  @Override
  public void close() {
    connection.unregisterIQRequestHandler(Jingle.ELEMENT, Jingle.NAMESPACE, IQ.Type.set);
    if (previous != null) {
      connection.registerIQRequestHandler(previous);
    }
    workers.shutdownNow();
    synchronized (OPEN) {
      OPEN.remove(connection);
    }
  }
}
