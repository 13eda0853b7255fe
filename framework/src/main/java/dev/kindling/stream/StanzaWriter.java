package dev.kindling.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * Writes the outbound side of a component stream: the opening tag, the handshake, stanzas, a stream error and
 * the closing tag, UTF-8 encoded into a buffer that goes out on {@link #flush()}.
 *
 * <p>Buffering is the point: a writer thread writes every stanza that is waiting and flushes once, so under
 * load many stanzas share one encoding pass and one system call. Not thread-safe: one writer thread owns it.
 */
public final class StanzaWriter {
  private final OutputStream socket;
  private final StringBuilder pending = new StringBuilder(16 * 1024);
  private final XmlSerializer serializer = new XmlSerializer();

  /**
   * Creates a writer onto {@code socketOutput}. Stanzas collect as text and are encoded to UTF-8 once per
   * {@link #flush()}, which costs far less than encoding many small pieces.
   */
  public StanzaWriter(OutputStream socketOutput) {
    this.socket = socketOutput;
  }

  /** Writes the component stream's opening tag for {@code domain} (XEP-0114 §3, step 1). */
  public void writeHeader(String domain) {
    pending.append("<?xml version='1.0'?><stream:stream xmlns='" + XmppNamespaces.COMPONENT_ACCEPT
        + "' xmlns:stream='" + XmppNamespaces.STREAMS + "' to='" + escapeAttribute(domain) + "'>");
  }

  /** Writes {@code <handshake>digest</handshake>} (XEP-0114 §3, step 3); the digest is hex, needing no escape. */
  public void writeHandshake(String digest) {
    pending.append("<handshake>").append(digest).append("</handshake>");
  }

  /** Writes one stanza. */
  public void write(Packet packet) {
    serializer.write(packet.getElement(), pending);
  }

  /** Writes a stream error; the stream must be closed next (RFC 6120 §4.9.1.1). */
  public void writeError(StreamError error) {
    serializer.write(error.getElement(), pending);
  }

  /** Writes {@code </stream:stream>}. */
  public void writeClose() {
    pending.append("</stream:stream>");
  }

  /** Sends everything written so far. */
  public void flush() throws IOException {
    if (pending.length() > 0) {
      byte[] bytes = pending.toString().getBytes(StandardCharsets.UTF_8);
      pending.setLength(0);
      socket.write(bytes);
    }
    socket.flush();
  }

  private static String escapeAttribute(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;").replace("\"", "&quot;");
  }
}
