package dev.kindling.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.dom4j.io.OutputFormat;
import org.dom4j.io.XMLWriter;
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
  private final Writer out = new Writer() {
    @Override
    public void write(char[] chars, int offset, int length) {
      pending.append(chars, offset, length);
    }

    @Override
    public void write(String text) {
      pending.append(text);
    }

    @Override
    public void write(String text, int offset, int length) {
      pending.append(text, offset, offset + length);
    }

    @Override
    public void write(int c) {
      pending.append((char) c);
    }

    @Override
    public void flush() {
      // StanzaWriter.flush sends
    }

    @Override
    public void close() {
      // the socket is closed by its owner
    }
  };
  private final XMLWriter xml;

  /**
   * Creates a writer onto {@code socketOutput}. Stanzas collect as text and are encoded to UTF-8 once per
   * {@link #flush()}, which costs far less than encoding each of the many small pieces dom4j writes.
   */
  public StanzaWriter(OutputStream socketOutput) {
    this.socket = socketOutput;
    OutputFormat format = new OutputFormat();
    format.setSuppressDeclaration(true);
    format.setEncoding("UTF-8");
    this.xml = new XMLWriter(out, format);
  }

  /** Writes the component stream's opening tag for {@code domain} (XEP-0114 §3, step 1). */
  public void writeHeader(String domain) throws IOException {
    out.write("<?xml version='1.0'?><stream:stream xmlns='" + XmppNamespaces.COMPONENT_ACCEPT
        + "' xmlns:stream='" + XmppNamespaces.STREAMS + "' to='" + escapeAttribute(domain) + "'>");
  }

  /** Writes {@code <handshake>digest</handshake>} (XEP-0114 §3, step 3); the digest is hex, needing no escape. */
  public void writeHandshake(String digest) throws IOException {
    out.write("<handshake>" + digest + "</handshake>");
  }

  /** Writes one stanza. */
  public void write(Packet packet) throws IOException {
    xml.write(packet.getElement());
  }

  /** Writes a stream error; the stream must be closed next (RFC 6120 §4.9.1.1). */
  public void writeError(StreamError error) throws IOException {
    xml.write(error.getElement());
  }

  /** Writes {@code </stream:stream>}. */
  public void writeClose() throws IOException {
    out.write("</stream:stream>");
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
