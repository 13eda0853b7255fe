package dev.kindling.connection;

import dev.kindling.stream.StanzaParser;
import dev.kindling.stream.StanzaWriter;
import dev.kindling.stream.Stanzas;
import dev.kindling.stream.StreamErrorException;
import dev.kindling.stream.StreamHeader;
import dev.kindling.stream.StreamListener;
import dev.kindling.stream.XmppNamespaces;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * One TCP connection of a component, from the handshake to its end: a reader thread that owns the parser and a
 * writer thread that owns the {@link StanzaWriter} and drains the connection's send queue.
 *
 * <p>{@link #writeLock} guards the writer and {@link #streamClosed}: the reader uses the writer only to end the
 * stream, after which nothing more is written. A session ends once, by {@link #end}, which closes the socket
 * (waking both threads) and reports the cause; a stanza the writer takes from the queue after that goes back to
 * the front of the queue for the next session.
 */
final class StreamSession implements StreamListener {
  private static final Logger log = LoggerFactory.getLogger(StreamSession.class);
  private static final int BATCH = 512;

  private enum Phase { AWAIT_HEADER, AWAIT_HANDSHAKE, OPEN }

  private final ComponentSettings settings;
  private final Socket socket;
  private final InputStream in;
  private final StanzaParser parser;
  private final StanzaWriter writer;
  private final Object writeLock = new Object();
  private final byte[] buffer = new byte[64 * 1024];
  private final AtomicBoolean ended = new AtomicBoolean();
  /** Opens when the server's stream is over: closed by its closing tag, or the connection ended. */
  private final CountDownLatch peerClosed = new CountDownLatch(1);
  /** Stanzas that arrived in the same read as the server's {@code <handshake/>}, before {@link #start}. */
  private final List<Packet> early = new ArrayList<>();
  private final long startedNanos = System.nanoTime();

  private Phase phase = Phase.AWAIT_HEADER;
  private Consumer<Packet> inbound;
  private Consumer<Throwable> onEnd;
  private Thread readerThread;
  private Thread writerThread;
  private boolean streamClosed;
  private volatile boolean closing;
  private volatile long lastReceivedNanos = System.nanoTime();

  private StreamSession(ComponentSettings settings, Socket socket) throws IOException {
    this.settings = settings;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.parser = new StanzaParser(settings.limits(), this);
    this.writer = new StanzaWriter(socket.getOutputStream());
  }

  /**
   * Connects and authenticates (XEP-0114 §3), each step within its time limit.
   *
   * @throws StreamErrorException if the server refused the component
   * @throws IOException with a message naming the server and the step, for every other failure
   */
  static StreamSession open(ComponentSettings settings) throws IOException {
    Socket socket = connect(settings);
    try {
      StreamSession session = new StreamSession(settings, socket);
      session.handshake();
      return session;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static Socket connect(ComponentSettings settings) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.setKeepAlive(true);
      socket.connect(new InetSocketAddress(settings.host(), settings.port()), millis(settings.connectTimeout()));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw new IOException("cannot connect to " + settings.address() + ": " + describe(e, settings), e);
    }
  }

  private static String describe(IOException e, ComponentSettings settings) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof SocketTimeoutException) {
      return "no answer within " + settings.connectTimeout().toMillis() + " ms";
    }
    if (e instanceof UnknownHostException) {
      return "unknown host";
    }
    return String.valueOf(e.getMessage());
  }

  private void handshake() throws IOException {
    long deadline = System.nanoTime() + settings.handshakeTimeout().toNanos();
    synchronized (writeLock) {
      writer.writeHeader(settings.domain());
      writer.flush();
    }
    try {
      while (phase != Phase.OPEN) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        readOnce();
      }
      socket.setSoTimeout(0);
    } catch (SocketTimeoutException e) {
      throw new IOException("server at " + settings.address() + " did not complete the handshake for "
          + settings.domain() + " within " + settings.handshakeTimeout().toMillis() + " ms", e);
    } catch (EOFException e) {
      throw new IOException("server at " + settings.address() + " closed the connection during the handshake for "
          + settings.domain(), e);
    }
  }

  /** Reads what is available and parses it; ends our stream with an error if the server broke the rules. */
  private void readOnce() throws IOException {
    int n = in.read(buffer);
    if (n < 0) {
      throw new EOFException("server at " + settings.address() + " closed the connection");
    }
    lastReceivedNanos = System.nanoTime();
    try {
      parser.feed(buffer, 0, n);
    } catch (StreamErrorException e) {
      if (e.sentByPeer()) {
        closeStream(null);
      } else {
        closeStream(e.toStreamError());
      }
      throw e;
    }
  }

  /**
   * Starts the reader and writer threads.
   *
   * @param inbound receives each stanza on the reader thread
   * @param outbound the queue the writer drains
   * @param onEnd hears, once, why the session ended; {@code null} for a graceful close
   */
  void start(Consumer<Packet> inbound, BlockingDeque<Packet> outbound, Consumer<Throwable> onEnd) {
    this.inbound = inbound;
    this.onEnd = onEnd;
    readerThread = new Thread(this::readLoop, "kindling-reader-" + settings.domain());
    writerThread = new Thread(() -> writeLoop(outbound), "kindling-writer-" + settings.domain());
    readerThread.setDaemon(true);
    writerThread.setDaemon(true);
    readerThread.start();
    writerThread.start();
  }

  /** Nanoseconds since anything arrived from the server. */
  long idleNanos() {
    return System.nanoTime() - lastReceivedNanos;
  }

  /** How long the session has been up. */
  Duration age() {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }

  private void readLoop() {
    try {
      early.forEach(inbound);
      early.clear();
      while (!parser.isClosed()) {
        readOnce();
      }
      peerClosed.countDown();
      if (!closing) {
        closeStream(null);
        end(new EOFException("server at " + settings.address() + " closed the stream of " + settings.domain()));
      }
    } catch (IOException | RuntimeException e) {
      end(e);
    }
  }

  private void writeLoop(BlockingDeque<Packet> outbound) {
    try {
      while (!ended.get()) {
        Packet packet = outbound.poll(100, TimeUnit.MILLISECONDS);
        if (packet == null) {
          if (closing) {
            closeStream(null);
            return;
          }
          continue;
        }
        synchronized (writeLock) {
          if (ended.get() || streamClosed) {
            outbound.offerFirst(packet);
            return;
          }
          int written = 0;
          do {
            writer.write(packet);
            written++;
          } while (written < BATCH && (packet = outbound.poll()) != null);
          writer.flush();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      end(e);
    }
  }

  /** Ends our side of the stream, with {@code error} first unless it is {@code null}; writes nothing after. */
  private void closeStream(StreamError error) {
    synchronized (writeLock) {
      if (streamClosed) {
        return;
      }
      streamClosed = true;
      try {
        if (error != null) {
          writer.writeError(error);
        }
        writer.writeClose();
        writer.flush();
      } catch (IOException e) {
        log.debug("could not close the stream to {}", settings.address(), e);
      }
    }
  }

  /**
   * Ends the session the polite way: the writer sends what is queued, then {@code </stream:stream>}; the
   * server's own closing tag is awaited for up to {@code timeout} (not when called on the reader thread, which
   * is the one that would see it).
   */
  void close(Duration timeout) {
    closing = true;
    if (Thread.currentThread() != readerThread) {
      try {
        if (!peerClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          log.debug("server at {} did not close the stream of {} within {}", settings.address(), settings.domain(),
              timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    end(null);
  }

  /** Ends the session at once, reporting {@code cause} (or {@code null} for a graceful close). */
  void end(Throwable cause) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    peerClosed.countDown();
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("closing the socket to {} failed", settings.address(), e);
    }
    if (writerThread != null && writerThread != Thread.currentThread()) {
      writerThread.interrupt();
    }
    if (onEnd != null) {
      onEnd.accept(cause);
    }
  }

  @Override
  public void streamOpened(StreamHeader header) throws IOException {
    if (phase != Phase.AWAIT_HEADER) {
      throw StreamErrorException.detected(StreamError.Condition.bad_format, "a second stream header");
    }
    if (!XmppNamespaces.COMPONENT_ACCEPT.equals(header.contentNamespace())) {
      throw StreamErrorException.detected(StreamError.Condition.invalid_namespace, "server at "
          + settings.address() + " opened a stream in " + header.contentNamespace() + ", not "
          + XmppNamespaces.COMPONENT_ACCEPT);
    }
    if (header.id() == null || header.id().isEmpty()) {
      throw StreamErrorException.detected(StreamError.Condition.invalid_id,
          "server at " + settings.address() + " sent no stream id, which the handshake needs");
    }
    synchronized (writeLock) {
      writer.writeHandshake(Handshake.digest(header.id(), settings.secret()));
      writer.flush();
    }
    phase = Phase.AWAIT_HANDSHAKE;
  }

  @Override
  public void elementReceived(Element element) throws IOException {
    if ("error".equals(element.getName()) && XmppNamespaces.STREAMS.equals(element.getNamespaceURI())) {
      StreamError error = new StreamError(element);
      throw ServerRefusal.of(settings, error.getCondition(), error.getText());
    }
    if (phase == Phase.OPEN) {
      Packet packet = Stanzas.toPacket(element);
      if (inbound == null) {
        early.add(packet);
      } else {
        inbound.accept(packet);
      }
    } else if (phase == Phase.AWAIT_HANDSHAKE && "handshake".equals(element.getName())
        && element.getNamespaceURI().isEmpty()) {
      phase = Phase.OPEN;
    } else {
      throw StreamErrorException.detected(StreamError.Condition.not_authorized,
          "server at " + settings.address() + " sent <" + element.getName() + "> before accepting the handshake");
    }
  }

  @Override
  public void streamClosed() {
    // readLoop sees parser.isClosed() and ends the session.
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
