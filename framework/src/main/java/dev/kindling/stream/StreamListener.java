package dev.kindling.stream;

import java.io.IOException;
import org.dom4j.Element;

/**
 * Receives what a {@link StanzaParser} finds in the inbound stream, in order, on the thread that feeds the
 * parser. An exception thrown here ends the stream.
 */
public interface StreamListener {
  /** The peer's opening {@code <stream:stream>} tag arrived. */
  void streamOpened(StreamHeader header) throws IOException;

  /**
   * A complete top-level element arrived: a stanza, a {@code <handshake/>}, or a {@code <stream:error>}.
   * Elements in the stream's content namespace carry no namespace, as Tinder's packets expect; the element
   * now belongs to the listener.
   */
  void elementReceived(Element element) throws IOException;

  /** The peer closed its stream with {@code </stream:stream>}. */
  void streamClosed() throws IOException;
}
