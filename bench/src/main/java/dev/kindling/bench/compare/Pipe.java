package dev.kindling.bench.compare;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * One stream the load runs over, past its handshake: a client's connection to the server, or the component's
 * connection to the direct-mode server. {@code from} is the sender address to write into stanzas, or
 * {@code null} when the server adds it.
 */
public final class Pipe implements AutoCloseable {
  final Socket socket;
  final InputStream in;
  final OutputStream out;
  final String name;
  final boolean writesFrom;

  Pipe(Socket socket, String name, boolean writesFrom) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    this.name = name;
    this.writesFrom = writesFrom;
  }

  /** What the other side sends. */
  public InputStream in() {
    return in;
  }

  /** Where to write to the other side (buffered: flush). */
  public OutputStream out() {
    return out;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
