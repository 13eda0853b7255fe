package dev.kindling.connection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The XEP-0114 §3 handshake value: the lowercase hex SHA-1 of the stream id followed by the secret. */
public final class Handshake {
  private Handshake() {}

  /** The handshake value for {@code streamId} and {@code secret}. */
  public static String digest(String streamId, String secret) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest((streamId + secret).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-1", e);
    }
  }
}
