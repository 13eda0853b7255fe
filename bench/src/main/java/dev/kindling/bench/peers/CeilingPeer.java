package dev.kindling.bench.peers;

import dev.kindling.connection.Handshake;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ceiling: a component that does as little as a component can. It cuts the stream at {@code </iq>} and
 * {@code </message>}, finds the {@code from} attribute and the sequence marker with {@code indexOf}, and answers
 * with pre-serialised text; no XML parser, no packet model, one thread, one flush per read.
 */
public final class CeilingPeer {
  private static final String KILOBYTE = "x".repeat(1024);

  private CeilingPeer() {}

  /** Runs until the server closes the stream. */
  public static void main(String[] args) throws Exception {
    PeerArguments peer = PeerArguments.parse(args);
    try (Socket socket = new Socket(peer.host(), peer.port())) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      handshake(in, out, peer.domain(), peer.secret());
      StringBuilder pending = new StringBuilder();
      byte[] buffer = new byte[64 * 1024];
      System.out.println("READY");
      int n;
      while ((n = in.read(buffer)) > 0) {
        pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        answer(pending, out, peer.domain());
        out.flush();
      }
    }
  }

  /** Opens the stream to the server and does the XEP-0114 handshake, reading nothing after it. */
  static void handshake(InputStream in, OutputStream out, String domain, String secret) throws IOException {
    out.write(("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
        + " to='" + domain + "'>").getBytes(StandardCharsets.UTF_8));
    out.flush();
    StringBuilder pending = new StringBuilder();
    byte[] buffer = new byte[64 * 1024];
    String id = null;
    while (id == null) {
      pending.append(new String(buffer, 0, in.read(buffer), StandardCharsets.UTF_8));
      Matcher matcher = Pattern.compile("id=['\"]([^'\"]+)['\"]").matcher(pending);
      if (pending.indexOf(">", pending.indexOf("stream:stream")) > 0 && matcher.find()) {
        id = matcher.group(1);
      }
    }
    out.write(("<handshake>" + Handshake.digest(id, secret) + "</handshake>").getBytes(StandardCharsets.UTF_8));
    out.flush();
    pending.setLength(0);
    while (pending.indexOf("<handshake") < 0) {
      pending.append(new String(buffer, 0, in.read(buffer), StandardCharsets.UTF_8));
    }
  }

  /** The value of the first attribute named like {@code nameAndEquals}, in either quotes, or {@code null}. */
  static String attribute(String stanza, String nameAndEquals) {
    int at = stanza.indexOf(nameAndEquals);
    if (at < 0) {
      return null;
    }
    int open = at + nameAndEquals.length();
    int close = stanza.indexOf(stanza.charAt(open), open + 1);
    return close < 0 ? null : stanza.substring(open + 1, close);
  }

  /** The first {@code Q<digits>Z}, or {@code null}. */
  private static String marker(String stanza) {
    int at = stanza.indexOf('Q');
    while (at >= 0) {
      int end = at + 1;
      while (end < stanza.length() && Character.isDigit(stanza.charAt(end))) {
        end++;
      }
      if (end > at + 1 && end < stanza.length() && stanza.charAt(end) == 'Z') {
        return stanza.substring(at, end + 1);
      }
      at = stanza.indexOf('Q', at + 1);
    }
    return null;
  }

  private static void answer(StringBuilder pending, OutputStream out, String domain) throws IOException {
    while (true) {
      int iqEnd = pending.indexOf("</iq>");
      int messageEnd = pending.indexOf("</message>");
      int end = iqEnd < 0 ? messageEnd : messageEnd < 0 ? iqEnd : Math.min(iqEnd, messageEnd);
      if (end < 0) {
        return;
      }
      boolean iq = end == iqEnd;
      int stop = end + (iq ? 5 : 10);
      String stanza = pending.substring(0, stop);
      pending.delete(0, stop);
      String from = attribute(stanza, "from=");
      String marker = marker(stanza);
      if (from == null || marker == null) {
        continue;
      }
      String reply = iq
          ? "<iq type='result' id='" + marker + "' to='" + from + "' from='" + domain + "'/>"
          : "<message type='chat' to='" + from + "' from='" + domain + "'><body>" + marker + " " + KILOBYTE
              + "</body></message>";
      out.write(reply.getBytes(StandardCharsets.UTF_8));
    }
  }
}
