package dev.kindling.testkit.jingle;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The client side of a SOCKS5 bytestream (RFC 1928 as XEP-0065 uses it), for tests and benchmarks: a connection
 * to a streamhost for one bytestream's destination address, and that address.
 */
public final class Socks5Client {
  private Socks5Client() {}

  /**
   * The destination address of a bytestream (XEP-0065 §5.3.2, XEP-0260 §2.2): the SHA-1 of SID + requester JID +
   * target JID, in hex.
   */
  public static String hash(String sid, String requester, String target) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest((sid + requester + target).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  /**
   * A connection to the streamhost at {@code host}:{@code port} for {@code dstaddr}, its handshake done: the
   * greeting alone first (Prosody's proxy wants it so, as Smack sends it), then the CONNECT. Its reads time out
   * after 60 s.
   *
   * @throws IOException if the streamhost cannot be reached or refuses the bytestream
   */
  public static Socket connect(String host, int port, String dstaddr) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 10_000);
      socket.setSoTimeout(60_000);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      out.write(new byte[] {5, 1, 0});
      byte[] method = new byte[2];
      in.readFully(method);
      if (method[0] != 5 || method[1] != 0) {
        throw new IOException("the streamhost refused the no-authentication method (" + method[0] + ", "
            + method[1] + ")");
      }
      byte[] address = dstaddr.getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[7 + address.length];
      request[0] = 5;
      request[1] = 1;
      request[3] = 3;
      request[4] = (byte) address.length;
      System.arraycopy(address, 0, request, 5, address.length);
      out.write(request);
      byte[] head = new byte[4];
      in.readFully(head);
      if (head[0] != 5 || head[1] != 0) {
        throw new IOException("the streamhost refused the bytestream (reply " + head[1] + ")");
      }
      in.readFully(new byte[switch (head[3]) {
        case 1 -> 4 + 2;
        case 4 -> 16 + 2;
        default -> in.readUnsignedByte() + 2;
      }]);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }
}
