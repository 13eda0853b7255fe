package dev.kindling.connection;

import dev.kindling.handler.Outbound;
import dev.kindling.internal.PendingRequests;
import dev.kindling.stream.StreamErrorException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
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
 *
 * <p><b>Keepalive.</b> After {@link ComponentSettings#keepaliveInterval()} with nothing received, an XEP-0199
 * ping goes to the server's domain; when still nothing arrives within {@link ComponentSettings#keepaliveTimeout()}
 * more, the TCP connection counts as dead, which a silent network failure otherwise hides for hours.
 *
 * <p><b>Threads.</b> Each TCP connection has a reader thread, which calls the packet listener, and a writer
 * thread; one control thread per connection runs keepalive and reconnection. All are daemon threads. State
 * changes are guarded by {@code this}.
 */
public final class ComponentConnection implements Outbound, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ComponentConnection.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);
  private static final long STABLE_SECONDS = 10;

  private final ComponentSettings settings;
  private final BlockingDeque<Packet> outbound;
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
    this.outbound = new LinkedBlockingDeque<>(settings.sendQueueCapacity());
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
    return new JID(null, settings.domain(), null, true);
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
   * then on, the connection reconnects by itself after a loss.
   *
   * @param listener receives every inbound stanza on the reader thread; it must not block
   *
   * @throws dev.kindling.stream.StreamErrorException if the server refused the component; its message says
   *     why, such as {@code server at 127.0.0.1:5347 refused the secret for echo.localhost (not-authorized)}
   * @throws IOException if the server could not be reached or did not complete the handshake in time
   * @throws IllegalStateException if called twice
   */
  public void connect(PacketListener listener) throws IOException {
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
      shutDown(e);
      throw e;
    }
    if (!startSession(opened)) {
      return;
    }
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
   */
  @Override
  public boolean send(Packet packet) {
    Objects.requireNonNull(packet, "packet");
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
   * Sends an IQ get or set and returns its answer: the result or error IQ from the addressee with the same id.
   * The request gets a fresh id, unique on this connection, unless it has one.
   *
   * @return a future that fails with {@link java.util.concurrent.TimeoutException} after {@code timeout}, or
   *     with an {@link IOException} if the request could not be queued or the connection closed
   */
  @Override
  public CompletableFuture<IQ> request(IQ request, Duration timeout) {
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
      log.error("{} dropped a stanza from {} it could not handle: {}", settings.domain(),
          packet.getElement().attributeValue("from"), packet.getElement().asXML(), e);
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
    control.shutdownNow();
    requests.failAll(new IOException("connection of " + settings.domain() + " closed", cause));
  }

  private void changeState(ConnectionState next, Throwable cause) {
    synchronized (this) {
      if (state == next || state == ConnectionState.CLOSED) {
        return;
      }
      state = next;
    }
    for (ConnectionListener stateListener : stateListeners) {
      try {
        stateListener.stateChanged(next, cause);
      } catch (RuntimeException e) {
        log.error("connection listener of {} failed on {}", settings.domain(), next, e);
      }
    }
  }
}
