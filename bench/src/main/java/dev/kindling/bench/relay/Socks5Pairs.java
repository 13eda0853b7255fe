package dev.kindling.bench.relay;

import dev.kindling.testkit.jingle.Socks5Client;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The two ends of one transfer as the benchmark's clients make them: through a SOCKS5 proxy (XEP-0065, the
 * target's connection first) or directly over loopback; then bytes one way, written and read 64 KiB at a time.
 */
final class Socks5Pairs {
  private static final int CHUNK = 64 * 1024;

  /** The initiator's and the target's sockets of one transfer. */
  record Pair(Socket initiator, Socket target) implements AutoCloseable {
    @Override
    public void close() throws IOException {
      initiator.close();
      target.close();
    }
  }

  private Socks5Pairs() {}

  /** Both connections of {@code hash} to the proxy at {@code host}:{@code port}, the target's first. */
  static Pair viaProxy(String host, int port, String hash) throws IOException {
    Socket target = Socks5Client.connect(host, port, hash);
    return new Pair(Socks5Client.connect(host, port, hash), target);
  }

  /** A pair connected to each other through {@code listener}, no proxy between. */
  static synchronized Pair direct(ServerSocket listener) throws IOException {
    Socket initiator = new Socket();
    initiator.setTcpNoDelay(true);
    initiator.connect(listener.getLocalSocketAddress());
    Socket target = listener.accept();
    target.setTcpNoDelay(true);
    return new Pair(initiator, target);
  }

  /** Closes every pair, those already closed or broken too. */
  static void closeAll(java.util.List<Pair> pairs) {
    for (Pair pair : pairs) {
      try {
        pair.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  /** Writes {@code bytes} from the initiator, then ends its output. */
  static void send(Pair pair, long bytes) {
    byte[] chunk = new byte[CHUNK];
    try {
      OutputStream out = pair.initiator().getOutputStream();
      for (long left = bytes; left > 0; left -= CHUNK) {
        out.write(chunk, 0, (int) Math.min(CHUNK, left));
      }
      pair.initiator().shutdownOutput();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Reads what the target gets until the end; how many bytes. */
  static long receive(Pair pair) {
    byte[] chunk = new byte[CHUNK];
    long total = 0;
    try {
      InputStream in = pair.target().getInputStream();
      for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
        total += read;
      }
      return total;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
