package dev.kindling.relay;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One client's TCP connection to the relay: first its SOCKS5 handshake, then one side of a {@link Transfer}.
 * Selector thread only.
 */
final class Socks5Connection {
  /** What a client may send before the activation and have kept for the relay. */
  static final int EARLY_BYTES = 4096;
  final SocketChannel channel;
  final String remote;
  SelectionKey key;
  /** The interest set last given to {@link #key} once relaying, to skip the calls that change nothing. */
  int ops = -1;
  /** When the handshake, then the wait for activation, must be over. */
  long deadline;
  /** The bytestream, once the handshake named it. */
  Transfer transfer;
  /** Bytes read from this client for the other side: a small one until the activation, then a pooled one. */
  ByteBuffer in;
  /** Whether {@link #in} is a pooled buffer, to give back. */
  boolean pooled;
  /** Whether this client ended its output (read gave -1). */
  boolean ended;
  /** Whether the relay shut its output to this client, passing the other side's end on. */
  boolean outputShut;
  private Socks5Request handshake = new Socks5Request();
  private ByteBuffer handshakeIn = ByteBuffer.allocate(Socks5Request.MAX_BYTES);
  private final RelayCounters counters;
  private boolean closed;

  Socks5Connection(SocketChannel channel, String remote, long deadline, RelayCounters counters) {
    this.channel = channel;
    this.remote = remote;
    this.deadline = deadline;
    this.counters = counters;
    counters.connections(1);
  }

  /** Whether the SOCKS5 handshake is still being read. */
  boolean handshaking() {
    return handshake != null;
  }

  /** Whether the connection is relaying. */
  boolean relaying() {
    return transfer != null && transfer.active;
  }

  /**
   * Reads what arrived of the handshake and answers its greeting; the CONNECT is answered by {@link #accept} or
   * {@link #refuse}.
   *
   * @return the bytestream's hash once the handshake is complete, {@code null} while it is not
   * @throws Socks5Request.Refused if it is not a XEP-0065 handshake (its refusal, if any, was sent)
   */
  String readHandshake() throws IOException, Socks5Request.Refused {
    if (channel.read(handshakeIn) < 0) {
      throw new Socks5Request.Refused("closed during the handshake");
    }
    ByteBuffer answer = ByteBuffer.allocate(Socks5Request.MAX_BYTES);
    handshakeIn.flip();
    Socks5Request.Step step;
    try {
      step = handshake.read(handshakeIn, answer);
    } catch (Socks5Request.Refused refused) {
      answer.flip();
      channel.write(answer);
      throw refused;
    }
    send(answer);
    if (step != Socks5Request.Step.DONE) {
      handshakeIn.compact();
      if (!handshakeIn.hasRemaining()) {
        throw new Socks5Request.Refused("the handshake is too long");
      }
      return null;
    }
    return handshake.hash();
  }

  /**
   * Answers the CONNECT with success and waits for the activation, reading what the client sends meanwhile into a
   * small buffer (kept for the relay, XEP-0065 §7.1), so a client that leaves is noticed.
   */
  void accept(Transfer transfer) throws IOException {
    ByteBuffer answer = ByteBuffer.allocate(Socks5Request.MAX_BYTES);
    handshake.reply(answer, Socks5Request.SUCCEEDED);
    send(answer);
    handshake = null;
    in = ByteBuffer.allocate(EARLY_BYTES).put(handshakeIn);
    handshakeIn = null;
    this.transfer = transfer;
  }

  /** Answers the CONNECT with "not allowed by the ruleset" and closes. */
  void refuse() {
    ByteBuffer answer = ByteBuffer.allocate(Socks5Request.MAX_BYTES);
    handshake.reply(answer, Socks5Request.NOT_ALLOWED);
    try {
      answer.flip();
      channel.write(answer);
    } catch (IOException e) {
      // closing anyway
    }
    close();
  }

  /**
   * Reads what the client sends before the activation; stops reading once the small buffer is full (the rest
   * waits in the socket).
   *
   * @return {@code false} if the client closed its connection
   */
  boolean readEarly() throws IOException {
    if (channel.read(in) < 0) {
      return false;
    }
    if (!in.hasRemaining()) {
      key.interestOps(0);
    }
    return true;
  }

  /**
   * Takes the pooled {@code buffer} for the relay, moving the bytes the client sent before the activation into it.
   *
   * @return how many bytes it moved
   */
  int startRelaying(ByteBuffer buffer) {
    in.flip();
    int early = in.remaining();
    in = buffer.put(in);
    pooled = true;
    return early;
  }

  /** Closes the socket (its key goes with it); {@code false} if it was closed already. */
  boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    counters.connections(-1);
    try {
      channel.close();
    } catch (IOException e) {
      // closed anyway
    }
    return true;
  }

  /** Whether {@link #close} was called. */
  boolean closed() {
    return closed;
  }

  private void send(ByteBuffer answer) throws IOException {
    answer.flip();
    channel.write(answer);
    if (answer.hasRemaining()) {
      throw new IOException("the client does not take the handshake's answer");
    }
  }
}
