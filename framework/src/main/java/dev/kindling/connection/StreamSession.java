package dev.kindling.connection;

import dev.kindling.internal.ReaderThread;
import dev.kindling.stream.StanzaParser;
import dev.kindling.stream.StanzaWriter;
import dev.kindling.stream.Stanzas;
import dev.kindling.stream.StreamErrorException;
import dev.kindling.stream.StreamHeader;
import dev.kindling.stream.StreamListener;
import dev.kindling.stream.XmppNamespaces;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * One TCP connection of a component, from the handshake to its end: a reader thread that owns the parser, and
 * the writing of the connection's send queue to a socket that never blocks anyone.
 *
 * <p><b>Fewest thread hand-offs.</b> The reader hands each stanza to the listener, which may answer quick ones
 * on the reader thread, and tells it when a read's stanzas are all delivered; before waiting for more data
 * the reader writes whatever is queued itself. So a quick stanza crosses no thread at all: one wake-up of the
 * reader, its answer written by the same thread, together with the other answers of the same read. Other
 * threads queue and unpark the writer thread, which also finishes what the socket could not take at once (it
 * then waits on a selector for the socket to be writable). The channel is non-blocking after the handshake,
 * so no thread ever blocks on a full socket: a server that stops reading fills the send queue, not the
 * reader's stack.
 *
 * <p>{@link #writeLock} guards the {@link StanzaWriter}, {@link #unsent} and {@link #streamClosed}: whoever holds
 * it writes for everyone, in queue order. A session ends once, by {@link #end}, which closes the channel and
 * both selectors (waking the reader) and unparks the writer, and reports the cause. Stanzas still in the queue
 * then wait for the next session; those already taken from it for this one (serialised, or written to a socket
 * that died) are lost: delivery is at most once, as for any sender over plain TCP without stream management.
 */
final class StreamSession implements StreamListener {
  private static final Logger log = LoggerFactory.getLogger(StreamSession.class);
  /** Stanzas serialised into one write. */
  private static final int BATCH = 512;
  /** Batches one call of {@link #writeQueued} writes before leaving the rest to the writer thread. */
  private static final int BATCHES_PER_TURN = 4;
  /** Selection needs no key handling here: a wake-up just means "try again". */
  private static final Consumer<SelectionKey> IGNORE_KEYS = key -> { };

  /** Where the handshake is; NO_ID: the server sent a header without an id, and perhaps a stream error next. */
  private enum Phase { AWAIT_HEADER, NO_ID, AWAIT_HANDSHAKE, OPEN }

  private final ComponentSettings settings;
  private final SocketChannel channel;
  private final StanzaParser parser;
  private final StanzaWriter writer = new StanzaWriter();
  private final ReentrantLock writeLock = new ReentrantLock();
  private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
  private final AtomicBoolean ended = new AtomicBoolean();
  /** Opens when the server's stream is over: closed by its closing tag, or the connection ended. */
  private final CountDownLatch peerClosed = new CountDownLatch(1);
  /** Stanzas that arrived in the same read as the server's {@code <handshake/>}, before {@link #start}. */
  private final List<Packet> early = new ArrayList<>();
  private final long startedNanos = System.nanoTime();

  private Phase phase = Phase.AWAIT_HEADER;
  private Selector readable;
  private Selector writable;
  private SelectionKey writeInterest;
  private SendQueue outbound;
  private Consumer<Packet> inbound;
  private Runnable endOfRead;
  private volatile Consumer<Throwable> onEnd;
  private volatile Thread readerThread;
  private volatile Thread writerThread;
  /** Bytes a non-blocking write could not take; they go out before anything else. */
  private ByteBuffer unsent;
  /** Whether there are {@link #unsent} bytes, for the writer thread to wait until the socket takes more. */
  private volatile boolean stalled;
  private boolean streamClosed;
  /** Whether the writer thread is parked (or about to park) and needs an unpark for new stanzas. */
  private volatile boolean writerIdle;
  private volatile boolean closing;
  private volatile long lastReceivedNanos = System.nanoTime();

  private StreamSession(ComponentSettings settings, SocketChannel channel) {
    this.settings = settings;
    this.channel = channel;
    this.parser = new StanzaParser(settings.limits(), this);
  }

  /**
   * Connects and authenticates (XEP-0114 §3), each step within its time limit.
   *
   * @throws StreamErrorException if the server refused the component
   * @throws IOException with a message naming the server and the step, for every other failure
   */
  static StreamSession open(ComponentSettings settings) throws IOException {
    SocketChannel channel = connect(settings);
    try {
      StreamSession session = new StreamSession(settings, channel);
      session.handshake();
      session.goNonBlocking();
      return session;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static SocketChannel connect(ComponentSettings settings) throws IOException {
    SocketChannel channel = SocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
      channel.socket().connect(new InetSocketAddress(settings.host(), settings.port()),
          millis(settings.connectTimeout()));
      return channel;
    } catch (IOException e) {
      channel.close();
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

  /** Runs the handshake on the blocking channel, whose socket's reads honour a time limit. */
  private void handshake() throws IOException {
    long deadline = System.nanoTime() + settings.handshakeTimeout().toNanos();
    writeNow(writer -> writer.writeHeader(settings.domain()));
    Socket socket = channel.socket();
    InputStream in = socket.getInputStream();
    try {
      while (phase != Phase.OPEN) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        int n = in.read(buffer.array());
        if (n < 0) {
          throw new EOFException();
        }
        feed(n);
      }
      socket.setSoTimeout(0);
    } catch (SocketTimeoutException e) {
      if (phase == Phase.NO_ID) {
        throw noStreamId();
      }
      throw new IOException("server at " + settings.address() + " did not complete the handshake for "
          + settings.domain() + " within " + settings.handshakeTimeout().toMillis() + " ms", e);
    } catch (EOFException e) {
      if (phase == Phase.NO_ID) {
        throw noStreamId();
      }
      throw new IOException("server at " + settings.address() + " closed the connection during the handshake for "
          + settings.domain(), e);
    }
  }

  private void goNonBlocking() throws IOException {
    try {
      channel.configureBlocking(false);
      readable = Selector.open();
      writable = Selector.open();
      channel.register(readable, SelectionKey.OP_READ);
      writeInterest = channel.register(writable, 0);
    } catch (IOException | RuntimeException e) {
      end(e);
      throw e;
    }
  }

  /** Parses {@code n} bytes just read into the buffer; ends our stream with an error if the server broke the rules. */
  private void feed(int n) throws IOException {
    lastReceivedNanos = System.nanoTime();
    try {
      parser.feed(buffer.array(), 0, n);
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
   * @param endOfRead runs on the reader thread once the stanzas of a read are delivered
   * @param outbound the queue to write; {@link #queued} after each addition
   * @param onEnd hears, once, why the session ended; {@code null} for a graceful close
   */
  void start(Consumer<Packet> inbound, Runnable endOfRead, SendQueue outbound,
      Consumer<Throwable> onEnd) {
    this.inbound = inbound;
    this.endOfRead = endOfRead;
    this.outbound = outbound;
    this.onEnd = onEnd;
    readerThread = new ReaderThread(this::readLoop, "kindling-reader-" + settings.domain());
    writerThread = new Thread(this::writeLoop, "kindling-writer-" + settings.domain());
    writerThread.setDaemon(true);
    readerThread.start();
    writerThread.start();
  }

  /**
   * Tells the session a stanza was queued. The reader writes it before it next waits; any other thread wakes
   * the writer thread if it is waiting.
   */
  void queued() {
    if (writerIdle && Thread.currentThread() != readerThread) {
      LockSupport.unpark(writerThread);
    }
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
      readDone();
      boolean mayHaveMore = false;
      while (!parser.isClosed()) {
        if (!mayHaveMore) {
          readable.select(IGNORE_KEYS, 0);
        }
        buffer.clear();
        int n = channel.read(buffer);
        if (n < 0) {
          throw new EOFException("server at " + settings.address() + " closed the connection");
        }
        mayHaveMore = n == buffer.capacity();
        if (n > 0) {
          feed(n);
          readDone();
        }
      }
      peerClosed.countDown();
      if (closing) {
        end(null);
      } else {
        closeStream(null);
        end(new EOFException("server at " + settings.address() + " closed the stream of " + settings.domain()));
      }
    } catch (IOException | RuntimeException e) {
      end(e);
    }
  }

  /** Tells the listener a read is delivered, then writes what its stanzas (and others) queued. */
  private void readDone() throws IOException {
    endOfRead.run();
    if (!outbound.isEmpty() && writeLock.tryLock()) {
      try {
        writeQueued();
      } finally {
        writeLock.unlock();
      }
    }
  }

  private void writeLoop() {
    try {
      while (!ended.get()) {
        writerIdle = true;
        if (stalled) {
          writable.select(IGNORE_KEYS, 0);
        } else if (outbound.isEmpty() && !closing) {
          LockSupport.park(this);
        }
        writerIdle = false;
        boolean done;
        writeLock.lock();
        try {
          if (writeQueued() && closing && outbound.isEmpty()) {
            closeStreamLocked(null);
          }
          writeInterest.interestOps(stalled ? SelectionKey.OP_WRITE : 0);
          done = streamClosed && !stalled;
        } finally {
          writeLock.unlock();
        }
        if (done) {
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      end(e);
    }
  }

  /**
   * Writes what is queued, in batches, without blocking; the caller holds {@link #writeLock}.
   *
   * @return whether there is nothing more to write now: everything went out, or the session is over; if not, the
   *     writer thread goes on (when the socket can take more, if it took only part)
   */
  private boolean writeQueued() throws IOException {
    if (unsent != null && !sendUnsent()) {
      return false;
    }
    for (int batch = 0; batch < BATCHES_PER_TURN; batch++) {
      if (ended.get() || streamClosed) {
        return true;
      }
      Object entry = outbound.poll();
      if (entry == null) {
        return true;
      }
      int written = 0;
      do {
        written += write(entry);
      } while (written < BATCH && !ended.get() && (entry = outbound.poll()) != null);
      unsent = writer.take();
      if (!sendUnsent()) {
        return false;
      }
    }
    if (Thread.currentThread() != writerThread) {
      LockSupport.unpark(writerThread);
    }
    return outbound.isEmpty();
  }

  /** Serialises one entry of the send queue; returns how many stanzas it held. */
  private int write(Object entry) {
    if (entry instanceof SendQueue.Copies copies) {
      writer.writeCopies(copies.template(), copies.recipients());
      return copies.size();
    }
    writer.write((Packet) entry);
    return 1;
  }

  /** Writes {@link #unsent}; if the socket takes only part, asks the writer thread to wait until it can take more. */
  private boolean sendUnsent() throws IOException {
    channel.write(unsent);
    if (unsent.hasRemaining()) {
      stalled = true;
      if (Thread.currentThread() != writerThread) {
        writeInterest.interestOps(SelectionKey.OP_WRITE);
        writable.wakeup();
        LockSupport.unpark(writerThread);
      }
      return false;
    }
    unsent = null;
    stalled = false;
    return true;
  }

  /** Writes what {@code step} puts in the writer, on the still blocking channel of the handshake. */
  private void writeNow(Consumer<StanzaWriter> step) throws IOException {
    writeLock.lock();
    try {
      step.accept(writer);
      writeFully(writer.take());
    } finally {
      writeLock.unlock();
    }
  }

  /** Writes all of {@code bytes} on the blocking channel (during the handshake, before anything is unsent). */
  private void writeFully(ByteBuffer bytes) throws IOException {
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  /** Ends our side of the stream, with {@code error} first unless it is {@code null}; writes nothing after. */
  private void closeStream(StreamError error) {
    writeLock.lock();
    try {
      closeStreamLocked(error);
    } finally {
      writeLock.unlock();
    }
  }

  private void closeStreamLocked(StreamError error) {
    if (streamClosed) {
      return;
    }
    streamClosed = true;
    if (error != null) {
      writer.writeError(error);
    }
    writer.writeClose();
    ByteBuffer closing = writer.take();
    try {
      if (channel.isBlocking()) {
        writeFully(closing);
      } else {
        unsent = unsent == null ? closing
            : ByteBuffer.allocate(unsent.remaining() + closing.remaining()).put(unsent).put(closing).flip();
        sendUnsent();
      }
    } catch (IOException | CancelledKeyException e) {
      log.debug("could not close the stream to {}", settings.address(), e);
    }
  }

  /**
   * Ends the session the polite way: the writer sends what is queued, then {@code </stream:stream>}, and the
   * server's own closing tag is awaited for up to {@code timeout} before the socket is closed. Called on the
   * reader thread (by a handler), it returns at once: the reader goes on to see the server's closing tag, and
   * the session ends then, or after {@code timeout}.
   */
  void close(Duration timeout) {
    closing = true;
    LockSupport.unpark(writerThread);
    if (Thread.currentThread() == readerThread) {
      CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> end(null));
      return;
    }
    try {
      if (!peerClosed.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.debug("server at {} did not close the stream of {} within {}", settings.address(), settings.domain(),
            timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    end(null);
  }

  /** Ends the session at once, reporting {@code cause} (or {@code null} for a graceful close). */
  void end(Throwable cause) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    peerClosed.countDown();
    for (Closeable resource : new Closeable[] {channel, readable, writable}) {
      try {
        if (resource != null) {
          resource.close();
        }
      } catch (IOException e) {
        log.debug("closing the connection to {} failed", settings.address(), e);
      }
    }
    LockSupport.unpark(writerThread);
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
      // Prosody answers an unknown domain with an empty id followed by <host-unknown/>: report that error if it
      // comes, rather than the missing id.
      phase = Phase.NO_ID;
      return;
    }
    writeNow(writer -> writer.writeHandshake(Handshake.digest(header.id(), settings.secret())));
    phase = Phase.AWAIT_HANDSHAKE;
  }

  @Override
  public void elementReceived(Element element) throws IOException {
    if ("error".equals(element.getName()) && XmppNamespaces.STREAMS.equals(element.getNamespaceURI())) {
      StreamError error = new StreamError(element);
      throw ServerRefusal.of(settings, error.getCondition(), error.getText());
    }
    if (phase == Phase.NO_ID) {
      throw noStreamId();
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

  private StreamErrorException noStreamId() {
    return StreamErrorException.detected(StreamError.Condition.invalid_id,
        "server at " + settings.address() + " sent no stream id, which the handshake needs");
  }

  @Override
  public void streamClosed() {
    // readLoop sees parser.isClosed() and ends the session.
  }

  private static int millis(Duration duration) {
    return (int) Math.min(Integer.MAX_VALUE, duration.toMillis());
  }
}
