package dev.kindling.relay;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The client's side of a SOCKS5 handshake (RFC 1928) as XEP-0065 uses it, read from the bytes as they arrive:
 * the greeting (the no-authentication method must be offered), then a CONNECT to the domain-name address that is
 * the 40-character hexadecimal SHA-1 hash of the bytestream, port 0, answered by {@link #reply} once the relay
 * decided whether it takes the connection. Anything else is refused.
 */
final class Socks5Request {
  /** Where the handshake is. */
  enum Step { GREETING, REQUEST, DONE }

  /** A handshake the relay refuses; the refusal to send, if any, is already in the answer buffer. */
  static final class Refused extends Exception {
    Refused(String message) {
      super(message, null, false, false);
    }
  }

  static final byte VERSION = 5;
  static final byte NO_AUTHENTICATION = 0;
  static final byte NO_ACCEPTABLE_METHOD = (byte) 0xFF;
  static final byte SUCCEEDED = 0;
  static final byte GENERAL_FAILURE = 1;
  static final byte NOT_ALLOWED = 2;
  static final byte COMMAND_NOT_SUPPORTED = 7;
  static final byte ADDRESS_TYPE_NOT_SUPPORTED = 8;
  private static final byte CONNECT = 1;
  private static final byte DOMAIN_NAME = 3;
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{40}");
  /** The most a handshake may take: greeting (2 + 255) and request (7 + 255). */
  static final int MAX_BYTES = 2 + 255 + 7 + 255;

  private Step step = Step.GREETING;
  private String requested;
  private String hash;

  /**
   * Reads what {@code in} holds of the handshake (in read mode; what it consumes is consumed), writing the
   * answers into {@code out}.
   *
   * @throws Refused if the client speaks something else; {@code out} then holds the refusal to send, if any
   */
  Step read(ByteBuffer in, ByteBuffer out) throws Refused {
    if (step == Step.GREETING) {
      if (in.remaining() < 2) {
        return step;
      }
      int methods = Byte.toUnsignedInt(in.get(in.position() + 1));
      if (in.get(in.position()) != VERSION) {
        throw new Refused("not SOCKS5 (version " + in.get(in.position()) + ")");
      }
      if (in.remaining() < 2 + methods) {
        return step;
      }
      in.position(in.position() + 2);
      boolean noAuthentication = false;
      for (int i = 0; i < methods; i++) {
        noAuthentication |= in.get() == NO_AUTHENTICATION;
      }
      out.put(VERSION).put(noAuthentication ? NO_AUTHENTICATION : NO_ACCEPTABLE_METHOD);
      if (!noAuthentication) {
        throw new Refused("the client does not offer 'no authentication'");
      }
      step = Step.REQUEST;
    }
    if (step == Step.REQUEST) {
      if (in.remaining() < 5) {
        return step;
      }
      int start = in.position();
      if (in.get(start) != VERSION) {
        throw refusal(out, "a request of version " + in.get(start), GENERAL_FAILURE);
      }
      if (in.get(start + 1) != CONNECT) {
        throw refusal(out, "command " + in.get(start + 1) + " (only CONNECT is relayed)", COMMAND_NOT_SUPPORTED);
      }
      if (in.get(start + 3) != DOMAIN_NAME) {
        throw refusal(out, "address type " + in.get(start + 3) + " (XEP-0065 uses a domain name)",
            ADDRESS_TYPE_NOT_SUPPORTED);
      }
      int length = Byte.toUnsignedInt(in.get(start + 4));
      if (in.remaining() < 5 + length + 2) {
        return step;
      }
      byte[] address = new byte[length];
      in.position(start + 5);
      in.get(address);
      int port = Short.toUnsignedInt(in.getShort());
      String text = new String(address, StandardCharsets.US_ASCII);
      if (!HASH.matcher(text).matches() || port != 0) {
        throw refusal(out, "an address that is not a bytestream's SHA-1 hash with port 0", GENERAL_FAILURE);
      }
      requested = text;
      hash = text.toLowerCase(Locale.ROOT);
      step = Step.DONE;
    }
    return step;
  }

  /** The hash the client asked for, in lower case, once {@link Step#DONE}. */
  String hash() {
    return hash;
  }

  /**
   * Writes the reply to the CONNECT into {@code out}, once {@link Step#DONE}: {@code reply} with BND.ADDR and
   * BND.PORT set to what the client asked for (XEP-0065 §5.3.3).
   */
  void reply(ByteBuffer out, byte reply) {
    byte[] address = requested.getBytes(StandardCharsets.US_ASCII);
    out.put(VERSION).put(reply).put((byte) 0).put(DOMAIN_NAME).put((byte) address.length).put(address)
        .putShort((short) 0);
  }

  private static Refused refusal(ByteBuffer out, String why, byte reply) {
    out.put(VERSION).put(reply).put((byte) 0).put((byte) 1).putInt(0).putShort((short) 0);
    return new Refused(why);
  }
}
