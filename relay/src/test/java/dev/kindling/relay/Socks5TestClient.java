package dev.kindling.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A XEP-0065 client in a few lines, for the SOCKS5 tests: the handshake bytes and a connection that made it. */
final class Socks5TestClient {
  private Socks5TestClient() {}

  /** The greeting offering no authentication, then a CONNECT to {@code hash} port 0. */
  static byte[] handshake(String hash) {
    byte[] bytes = new byte[3 + 5 + hash.length() + 2];
    bytes[0] = 5;
    bytes[1] = 1;
    bytes[3] = 5;
    bytes[4] = 1;
    bytes[6] = 3;
    bytes[7] = (byte) hash.length();
    System.arraycopy(hash.getBytes(StandardCharsets.US_ASCII), 0, bytes, 8, hash.length());
    return bytes;
  }

  /** A connection to {@code port} whose handshake for {@code hash} the relay answered with {@code reply}. */
  static Socket connect(int port, String hash, int reply) throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.getOutputStream().write(handshake(hash));
    assertThat(answer(socket, hash)).as("reply code").isEqualTo(reply);
    return socket;
  }

  /** A connection the relay accepted for {@code hash}. */
  static Socket connect(int port, String hash) throws IOException {
    return connect(port, hash, 0);
  }

  /** Reads the method answer and the reply to the CONNECT; the reply code. */
  static int answer(Socket socket, String hash) throws IOException {
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] method = new byte[2];
    in.readFully(method);
    assertThat(method).containsExactly(5, 0);
    byte[] reply = new byte[5 + hash.length() + 2];
    in.readFully(reply);
    assertThat(new String(reply, 5, hash.length(), StandardCharsets.US_ASCII)).as("BND.ADDR").isEqualTo(hash);
    return reply[1];
  }
}
