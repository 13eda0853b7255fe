package dev.kindling.bench.relay;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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

  /** The bytestream's hash (XEP-0065 §5.3.2). */
  static String hash(String sid, String initiator, String target) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest((sid + initiator + target).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Both connections of {@code hash} to the proxy at {@code host}:{@code port}, the target's first. */
  static Pair viaProxy(String host, int port, String hash) throws IOException {
    Socket target = socks5(host, port, hash);
    return new Pair(socks5(host, port, hash), target);
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

  private static Socket socks5(String host, int port, String hash) throws IOException {
    Socket socket = new Socket();
    socket.setTcpNoDelay(true);
    socket.connect(new InetSocketAddress(host, port), 10_000);
    socket.setSoTimeout(60_000);
    byte[] address = hash.getBytes(StandardCharsets.US_ASCII);
    OutputStream out = socket.getOutputStream();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    out.write(new byte[] {5, 1, 0});                       // Prosody's proxy wants the greeting alone, as Smack sends it
    byte[] method = new byte[2];
    in.readFully(method);
    byte[] request = new byte[7 + address.length];
    request[0] = 5;
    request[1] = 1;
    request[3] = 3;
    request[4] = (byte) address.length;
    System.arraycopy(address, 0, request, 5, address.length);
    out.write(request);
    byte[] head = new byte[4];
    in.readFully(head);
    if (method[1] != 0 || head[1] != 0) {
      socket.close();
      throw new IOException("the proxy refused the SOCKS5 handshake (method " + method[1] + ", reply " + head[1] + ")");
    }
    int rest = switch (head[3]) {
      case 1 -> 4 + 2;
      case 4 -> 16 + 2;
      default -> in.readUnsignedByte() + 2;
    };
    in.readFully(new byte[rest]);
    return socket;
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
