package dev.kindling.connection;

import dev.kindling.handler.Outbound;
import dev.kindling.handler.SenderAddress;
import dev.kindling.internal.PendingRequests;
import dev.kindling.stream.StreamErrorException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * A component's connection to its XMPP server (XEP-0114): connects and authenticates, delivers inbound stanzas
 * to a {@link PacketListener}, sends outbound ones, keeps the connection alive and reconnects after a loss.
 *
 * <pre>{@code
 * ComponentConnection connection = new ComponentConnection(settings);
 * connection.connect(packet -> work.submit(() -> connection.send(answer(packet))));
 *                                // throws, with a clear message, if the server refuses
 * connection.send(stanza);       // thread-safe, never blocks
 * connection.close();            // sends what is queued, then </stream:stream>
 * }</pre>
 *
 * <p><b>Lifecycle.</b> {@link ConnectionState#NEW} → {@link #connect(PacketListener)} → {@link ConnectionState#CONNECTING} →
 * {@link ConnectionState#AUTHENTICATED}. When the connection is lost unexpectedly it goes
 * {@link ConnectionState#DISCONNECTED} and tries again after the {@link Backoff} wait, for ever, until it
 * succeeds or {@link #close()} is called. A refusal by the server ({@code not-authorized}, {@code conflict},
 * {@code host-unknown}) closes it for good unless {@link ComponentSettings#reconnectAfterRefusal()}; only a
 * {@code conflict} met while reconnecting is retried, since the server may not yet have noticed that the old
 * connection died. The back-off grows until a connection has stayed up for {@value #STABLE_SECONDS} seconds.
 * A first attempt that cannot reach the server fails {@link #connect(PacketListener)} and closes the connection;
 * {@link #connect(PacketListener, boolean)} can keep trying instead, as after a loss (what {@code kindling run}
 * does, for an operator who starts Kindling before the server).
 *
 * <p><b>Keepalive.</b> After {@link ComponentSettings#keepaliveInterval()} with nothing received, an XEP-0199
 * ping goes to the server's domain; when still nothing arrives within {@link ComponentSettings#keepaliveTimeout()}
 * more, the TCP connection counts as dead, which a silent network failure otherwise hides for hours.
 *
 * <p><b>Threads.</b> Each TCP connection has a reader thread, which calls the packet listener, and a writer
 * thread; one control thread per connection runs keepalive and reconnection. All are daemon threads. State
 * changes are guarded by {@code this}; listeners hear them in the order they happened, one at a time (guarded by
 * {@code notifying}), so a {@code close()} racing a connection loss cannot report DISCONNECTED after CLOSED.
 */
public final class ComponentConnection implements Outbound, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ComponentConnection.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
  private static final long STABLE_SECONDS = 10;
  /** The most characters a multicast stanza holds: far below any server's stanza limit (ejabberd's 64 KiB). */
  private static final int MAX_MULTICAST_CHARS = 60_000;
  private static final QName ADDRESSES = QName.get("addresses", "http://jabber.org/protocol/address");
  private static final QName ADDRESS = QName.get("address", "http://jabber.org/protocol/address");

  private final ComponentSettings settings;
  /** A state change waiting to be told to the listeners. */
  private record Change(ConnectionState state, Throwable cause) {}

  private final SendQueue outbound;
  private final JID jid;
  /** Guards the delivery of state changes to listeners, and {@link #changes} and {@link #notifyingNow}. */
  private final Object notifying = new Object();
  private final Queue<Change> changes = new ArrayDeque<>();
  private boolean notifyingNow;
  private final PendingRequests requests = new PendingRequests("kindling-");
  private final List<ConnectionListener> stateListeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService control;
  private final AtomicLong dropped = new AtomicLong();

  private PacketListener listener;
  private ConnectionState state = ConnectionState.NEW;
  private boolean closing;
  private StreamSession session;
  private int attempt;
  /** The idle time when the keepalive last pinged, to ping once per idle spell; used on the control thread only. */
  private long pingedAtIdle = -1;

  /** Creates a connection, not yet connected. */
  public ComponentConnection(ComponentSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.outbound = new SendQueue(settings.sendQueueCapacity());
    this.jid = new JID(null, settings.domain(), null, true);
    this.control = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "kindling-control-" + settings.domain());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** The settings this connection was made with. */
  public ComponentSettings settings() {
    return settings;
  }

  /** The component's own address, its domain. */
  @Override
  public JID jid() {
    return jid;
  }

  /** Where the connection is in its life now. */
  public synchronized ConnectionState state() {
    return state;
  }

  /** Adds a listener that hears every later state change. */
  public void addListener(ConnectionListener stateListener) {
    stateListeners.add(Objects.requireNonNull(stateListener, "stateListener"));
  }

  /**
   * Connects and authenticates, waiting until the server accepts the component or the time limits pass. From
   * then on, the connection reconnects by itself after a loss. A first attempt that fails closes the connection.
   *
   * @param listener receives every inbound stanza on the reader thread; it must not block
   *
   * @throws dev.kindling.stream.StreamErrorException if the server refused the component; its message says
   *     why, such as {@code server at 127.0.0.1:5347 refused the secret for echo.localhost (not-authorized)}
   * @throws IOException if the server could not be reached or did not complete the handshake in time
   * @throws IllegalStateException if called twice
   */
  public void connect(PacketListener listener) throws IOException {
    connect(listener, false);
  }

  /**
   * Connects as {@link #connect(PacketListener)} does, or, with {@code keepTrying}, goes on trying in the
   * background when the first attempt cannot reach the server (refused, timed out, closed during the
   * handshake): the failure is logged and the connection retries with its back-off, as after a loss, and this
   * returns. A refusal by the server ({@code not-authorized}, {@code host-unknown}, …) still closes it and
   * throws, since trying again would meet it again.
   *
   * @throws dev.kindling.stream.StreamErrorException if the server refused the component
   * @throws IOException if the server could not be reached and {@code keepTrying} is {@code false}
   */
  public void connect(PacketListener listener, boolean keepTrying) throws IOException {
    Objects.requireNonNull(listener, "listener");
    synchronized (this) {
      if (state != ConnectionState.NEW) {
        throw new IllegalStateException("connect() was already called; the connection is " + state);
      }
      this.listener = listener;
    }
    changeState(ConnectionState.CONNECTING, null);
    StreamSession opened;
    try {
      opened = StreamSession.open(settings);
    } catch (IOException | RuntimeException e) {
      if (keepTrying && e instanceof IOException && !(e instanceof StreamErrorException)) {
        scheduleKeepalive();
        recover(e, "cannot connect yet; retrying in the background", false);
        return;
      }
      shutDown(e);
      throw e;
    }
    if (startSession(opened)) {
      scheduleKeepalive();
    }
  }

  private void scheduleKeepalive() {
    long interval = settings.keepaliveInterval().toMillis();
    if (interval > 0) {
      long period = Math.max(50, Math.min(interval, settings.keepaliveTimeout().toMillis()) / 2);
      try {
        control.scheduleWithFixedDelay(this::keepAlive, period, period, TimeUnit.MILLISECONDS);
      } catch (RejectedExecutionException closedMeanwhile) {
        log.debug("{} was closed while connecting", settings.domain());
      }
    }
  }

  /**
   * Queues a stanza for the writer and returns at once. The stanza now belongs to the connection: do not change
   * it afterwards. While disconnected, stanzas wait in the queue for the next connection.
   *
   * @return {@code false} if the stanza was dropped because the send queue is full or the connection is closed
   * @throws IllegalArgumentException if its {@code from} is outside the component's domain
   */
  @Override
  public boolean send(Packet packet) {
    Objects.requireNonNull(packet, "packet");
    SenderAddress.check(packet, settings.domain());
    boolean queued;
    StreamSession current;
    synchronized (this) {
      queued = state != ConnectionState.CLOSED && !closing && outbound.offer(packet);
      current = session;
    }
    if (queued && current != null) {
      current.queued();
    }
    if (!queued) {
      long count = dropped.incrementAndGet();
      log.debug("dropped an outbound stanza for {} ({} so far): connection {}, send queue {}/{}",
          settings.domain(), count, state(), outbound.size(), settings.sendQueueCapacity());
    }
    return queued;
  }

  /**
   * Queues a copy of {@code template} for each recipient, serialised once, as the send queue has room.
   *
   * @throws IllegalArgumentException if the template's {@code from} is outside the component's domain
   */
  @Override
  public CompletableFuture<Void> sendAll(Packet template, Collection<JID> recipients) {
    Packet copy = template.createCopy();
    SenderAddress.check(copy, settings.domain());
    synchronized (this) {
      if (state == ConnectionState.CLOSED || closing) {
        return CompletableFuture.failedFuture(new IOException("connection of " + settings.domain() + " is closed"));
      }
    }
    Multicast multicast = settings.multicast();
    if (multicast == null || !(copy instanceof Message) || recipients.size() < 2) {
      return outbound.offerCopies(copy.getElement(), recipients.stream().map(JID::toString).toList(),
          this::wakeWriter);
    }
    return sendThroughMulticast(copy.getElement(), recipients, multicast);
  }

  /**
   * XEP-0033: the recipients on the server's domain and its subdomains in stanzas to its multicast service, each
   * naming at most {@code maxRecipients} in {@code bcc} addresses and kept under {@value #MAX_MULTICAST_CHARS}
   * characters (a server ends a stream whose stanza is too large); the others (on other servers, which the service
   * would not relay for a component) one copy each.
   */
  private CompletableFuture<Void> sendThroughMulticast(Element template, Collection<JID> recipients,
      Multicast multicast) {
    List<String> direct = new ArrayList<>();
    List<CompletableFuture<Void>> queued = new ArrayList<>();
    int templateChars = template.asXML().length();
    String serverDomain = settings.serverDomain();
    String subdomains = "." + serverDomain;
    Element stanza = null;
    Element addresses = null;
    int count = 0;
    int chars = 0;
    for (JID recipient : recipients) {
      String jid = recipient.toString();
      String domain = recipient.getDomain();
      if (!domain.equals(serverDomain) && !domain.endsWith(subdomains)) {
        direct.add(jid);
        continue;
      }
      int addressChars = jid.length() + 30;
      if (stanza != null && (count == multicast.maxRecipients() || chars + addressChars > MAX_MULTICAST_CHARS)) {
        queued.add(outbound.offerCopies(stanza, List.of(multicast.service()), this::wakeWriter));
        stanza = null;
      }
      if (stanza == null) {
        stanza = template.createCopy();
        addresses = stanza.addElement(ADDRESSES);
        count = 0;
        chars = templateChars + 60;
      }
      addresses.addElement(ADDRESS).addAttribute("type", "bcc").addAttribute("jid", jid);
      count++;
      chars += addressChars;
    }
    if (stanza != null) {
      queued.add(outbound.offerCopies(stanza, List.of(multicast.service()), this::wakeWriter));
    }
    if (!direct.isEmpty()) {
      queued.add(outbound.offerCopies(template, direct, this::wakeWriter));
    }
    return CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new));
  }

  private void wakeWriter() {
    StreamSession current;
    synchronized (this) {
      current = session;
    }
    if (current != null) {
      current.queued();
    }
  }

  @Override
  public int queued() {
    return outbound.size();
  }

  @Override
  public int queueCapacity() {
    return outbound.capacity();
  }

  @Override
  public CompletableFuture<Void> whenRoom() {
    return outbound.whenRoom();
  }

  /**
   * Sends an IQ get or set and returns its answer: the result or error IQ from the addressee with the same id.
   * The request gets a fresh id, unique on this connection, unless it has one.
   *
   * @return a future that fails with {@link java.util.concurrent.TimeoutException} after {@code timeout}, or
   *     with an {@link IOException} if the request could not be queued or the connection closed
   */
  @Override
  public CompletableFuture<IQ> request(IQ request, Duration timeout) {
    SenderAddress.check(request, settings.domain());
    CompletableFuture<IQ> answer = requests.register(request, timeout);
    if (!send(request)) {
      requests.fail(request, new IOException("request " + request.getID() + " not sent: connection of "
          + settings.domain() + " is " + state() + " or its send queue is full"));
    }
    return answer;
  }

  /** How many outbound stanzas {@link #send} has dropped so far. */
  public long droppedCount() {
    return dropped.get();
  }

  /**
   * Closes the connection for good: the writer sends what is queued and {@code </stream:stream>}, and the
   * server's closing tag is awaited briefly. Safe to call more than once and from any thread.
   */
  @Override
  public void close() {
    StreamSession last;
    synchronized (this) {
      if (state == ConnectionState.CLOSED || closing) {
        return;
      }
      closing = true;
      last = session;
      session = null;
    }
    if (last != null) {
      last.close(CLOSE_TIMEOUT);
    }
    shutDown(null);
  }

  /** Runs a freshly authenticated session, unless the connection was closed meanwhile. */
  private boolean startSession(StreamSession opened) {
    synchronized (this) {
      if (state == ConnectionState.CLOSED) {
        opened.end(null);
        return false;
      }
      session = opened;
    }
    changeState(ConnectionState.AUTHENTICATED, null);
    log.info("{} connected to {}", settings.domain(), settings.address());
    opened.start(this::received, this::endOfRead, outbound, cause -> sessionEnded(opened, cause));
    return true;
  }

  /** Hands a stanza on; a malformed one (an IQ of unknown type, say) is logged and dropped, never fatal. */
  private void received(Packet packet) {
    try {
      if (packet instanceof IQ iq && iq.isResponse() && requests.complete(iq)) {
        return;
      }
      listener.packetReceived(packet);
    } catch (RuntimeException e) {
      // Kind, id and addresses only: the stanza may hold a user's message text, which has no place in a log.
      log.error("{} dropped a {} it could not handle (id {}, from {}, to {})", settings.domain(),
          packet.getElement().getName(), packet.getID(), packet.getElement().attributeValue("from"),
          packet.getElement().attributeValue("to"), e);
    }
  }

  private void endOfRead() {
    try {
      listener.endOfRead();
    } catch (RuntimeException e) {
      log.error("{}: the listener failed at the end of a read", settings.domain(), e);
    }
  }

  private void sessionEnded(StreamSession ended, Throwable cause) {
    synchronized (this) {
      if (session != ended) {
        return;
      }
      session = null;
      if (ended.age().toSeconds() >= STABLE_SECONDS) {
        attempt = 0;
      }
    }
    recover(cause, "lost its connection", false);
  }

  /**
   * Reconnects after a failure, unless it was a refusal that reconnecting would meet again.
   *
   * @param reconnecting whether the failure was a reconnection attempt, where {@code conflict} is retried
   */
  private void recover(Throwable cause, String what, boolean reconnecting) {
    boolean staleConflict = reconnecting && cause instanceof StreamErrorException error
        && error.condition() == StreamError.Condition.conflict;
    if (ServerRefusal.isRefusal(cause) && !staleConflict && !settings.reconnectAfterRefusal()) {
      log.error("{}; not reconnecting", cause.getMessage());
      shutDown(cause);
      return;
    }
    log.warn("{} {}: {}", settings.domain(), what, cause.getMessage());
    Duration delay;
    synchronized (this) {
      if (state == ConnectionState.CLOSED) {
        return;
      }
      delay = settings.backoff().delay(attempt++, ThreadLocalRandom.current());
    }
    changeState(ConnectionState.DISCONNECTED, cause);
    try {
      control.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closedMeanwhile) {
      log.debug("{} was closed before it could reconnect", settings.domain());
    }
  }

  private void reconnect() {
    synchronized (this) {
      if (state == ConnectionState.CLOSED) {
        return;
      }
    }
    changeState(ConnectionState.CONNECTING, null);
    try {
      startSession(StreamSession.open(settings));
    } catch (IOException | RuntimeException e) {
      recover(e, "could not reconnect", true);
    }
  }

  /**
   * Pings the server once per idle spell and declares the connection dead when nothing, not even the answer,
   * arrives within the keepalive timeout after the interval. Runs on the control thread.
   */
  private void keepAlive() {
    StreamSession current;
    synchronized (this) {
      current = session;
    }
    if (current == null) {
      return;
    }
    long idle = current.idleNanos();
    long interval = settings.keepaliveInterval().toNanos();
    if (idle < interval) {
      pingedAtIdle = -1;
      return;
    }
    if (idle >= interval + settings.keepaliveTimeout().toNanos()) {
      current.end(new IOException("server at " + settings.address() + " did not answer a keepalive ping within "
          + settings.keepaliveTimeout().toMillis() + " ms"));
      return;
    }
    if (pingedAtIdle < 0) {
      pingedAtIdle = idle;
      IQ ping = new IQ(IQ.Type.get);
      ping.setFrom(jid());
      ping.setTo(new JID(null, settings.serverDomain(), null, true));
      ping.setChildElement("ping", "urn:xmpp:ping");
      request(ping, settings.keepaliveTimeout());
    }
  }

  private void shutDown(Throwable cause) {
    changeState(ConnectionState.CLOSED, cause);
    outbound.close("connection of " + settings.domain() + " closed");
    control.shutdownNow();
    requests.failAll(new IOException("connection of " + settings.domain() + " closed", cause));
  }

  /**
   * Enters {@code next} (never leaving CLOSED) and tells the listeners. Changes are told in the order they were
   * made: a change made while listeners hear another (by another thread, or by a listener itself) waits its turn.
   */
  private void changeState(ConnectionState next, Throwable cause) {
    synchronized (notifying) {
      synchronized (this) {
        if (state == next || state == ConnectionState.CLOSED) {
          return;
        }
        state = next;
      }
      changes.add(new Change(next, cause));
      if (notifyingNow) {
        return;
      }
      notifyingNow = true;
      try {
        Change change;
        while ((change = changes.poll()) != null) {
          tell(change.state(), change.cause());
        }
      } finally {
        notifyingNow = false;
      }
    }
  }

  private void tell(ConnectionState next, Throwable cause) {
    for (ConnectionListener stateListener : stateListeners) {
      try {
        stateListener.stateChanged(next, cause);
      } catch (RuntimeException e) {
        log.error("connection listener of {} failed on {}", settings.domain(), next, e);
      }
    }
  }
}
