package dev.kindling.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dom4j.Element;
import org.xmpp.packet.Packet;
import org.xmpp.packet.StreamError;

/**
 * Writes the outbound side of a component stream: the opening tag, the handshake, stanzas, a stream error and
 * the closing tag, collected as text and UTF-8 encoded by {@link #take()}.
 *
 * <p>Batching is the point: whoever writes to the socket serialises every stanza that is waiting and takes the
 * bytes once, so under load many stanzas share one encoding pass (far cheaper than encoding many small pieces)
 * and one system call. Not thread-safe: the holder of the connection's write lock owns it.
 */
public final class StanzaWriter {
  /** Stands for the {@code to} of a template while it is serialised; no stanza can hold NUL characters. */
  private static final String TO_MARKER = "\u0000to\u0000";

  private final StringBuilder pending = new StringBuilder(16 * 1024);
  private final XmlSerializer serializer = new XmlSerializer();
  /** The template {@link #writeCopies} serialised last, and its text around the {@code to} value. */
  private Element copied;
  private String beforeTo;
  private String afterTo;

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

  /**
   * Writes a copy of {@code template} for each of {@code recipients}, each with that recipient as its {@code to}:
   * the template is serialised once (and once again only if other templates came between), then each copy costs
   * two appends and the escaped address. The template's own {@code to} is replaced; the writer owns it.
   */
  public void writeCopies(Element template, List<String> recipients) {
    if (template != copied) {
      template.addAttribute("to", TO_MARKER);
      StringBuilder whole = new StringBuilder(256);
      serializer.write(template, whole);
      int marker = whole.indexOf(TO_MARKER);
      beforeTo = whole.substring(0, marker);
      afterTo = whole.substring(marker + TO_MARKER.length());
      copied = template;
    }
    for (String recipient : recipients) {
      pending.append(beforeTo);
      XmlSerializer.escape(recipient, pending, true);
      pending.append(afterTo);
    }
  }

  /** Writes a stream error; the stream must be closed next (RFC 6120 §4.9.1.1). */
  public void writeError(StreamError error) {
    serializer.write(error.getElement(), pending);
  }

  /** Writes {@code </stream:stream>}. */
  public void writeClose() {
    pending.append("</stream:stream>");
  }

  /** Everything written since the last call, UTF-8 encoded; the writer is empty afterwards. */
  public ByteBuffer take() {
    ByteBuffer bytes = ByteBuffer.wrap(pending.toString().getBytes(StandardCharsets.UTF_8));
    pending.setLength(0);
    return bytes;
  }

  private static String escapeAttribute(String value) {
    return value.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&apos;").replace("\"", "&quot;");
  }
}
