package dev.kindling.stream;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import java.io.IOException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.dom4j.Element;
import org.dom4j.QName;
import org.dom4j.tree.DefaultAttribute;
import org.dom4j.tree.DefaultElement;
import org.xmpp.packet.StreamError.Condition;

/**
 * Cuts the inbound side of an XMPP stream, one never-ending XML document, into top-level elements, fed with
 * whatever bytes each socket read returned.
 *
 * <p>The parser never blocks and never holds more than the stanza being built: a stanza of more than
 * {@link StreamLimits#maxStanzaBytes()} bytes, or nested deeper than {@link StreamLimits#maxDepth()}, ends the
 * stream with {@code policy-violation} as soon as the excess has arrived, not after. A DTD, a comment, a
 * processing instruction or an entity reference ends it with {@code restricted-xml} (RFC 6120 §11.1), so
 * neither external entities nor entity expansion can happen; broken XML ends it with {@code not-well-formed}.
 *
 * <p>Not thread-safe: one reader thread owns a parser. Usage:
 *
 * <pre>{@code
 * StanzaParser parser = new StanzaParser(StreamLimits.DEFAULT, listener);
 * int n;
 * while ((n = in.read(buffer)) > 0) {
 *   parser.feed(buffer, 0, n); // calls the listener for every complete element
 * }
 * }</pre>
 */
public final class StanzaParser {
  private static final AsyncXMLInputFactory FACTORY = newFactory();

  private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
  private final NameCache names = new NameCache();
  private final StreamLimits limits;
  private final StreamListener listener;

  /** Open elements, the stream root included: stanzas start at depth 2. */
  private int depth;
  /** The element being built, or {@code null} between stanzas. */
  private Element current;
  private String contentNamespace = XmppNamespaces.COMPONENT_ACCEPT;
  /** Bytes fed since the start. */
  private long fed;
  /** Where the current stanza started, or where the last event between stanzas started. */
  private long mark;
  private boolean closed;
  /** Whether the stream's root tag has begun, after which no DTD can come. */
  private boolean pastProlog;
  private byte previousPrologByte;

  /** Creates a parser that reports to {@code listener} and enforces {@code limits}. */
  public StanzaParser(StreamLimits limits, StreamListener listener) {
    this.limits = limits;
    this.listener = listener;
  }

  private static AsyncXMLInputFactory newFactory() {
    AsyncXMLInputFactory factory = new InputFactoryImpl();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    factory.setProperty(XMLInputFactory.IS_COALESCING, false);
    return factory;
  }

  /**
   * Parses {@code length} more bytes of the stream, calling the listener for everything they complete. The
   * parser reads {@code buffer} only during this call.
   *
   * @throws StreamErrorException if the stream broke a rule; the stream must end with this error
   * @throws IOException if the listener threw it
   */
  public void feed(byte[] buffer, int offset, int length) throws IOException {
    if (closed) {
      return;
    }
    if (!pastProlog) {
      checkProlog(buffer, offset, length);
    }
    try {
      reader.getInputFeeder().feedInput(buffer, offset, length);
      fed += length;
      drainEvents();
    } catch (XMLStreamException e) {
      throw StreamErrorException.detected(Condition.not_well_formed, "malformed XML: " + firstLine(e));
    }
    if (!closed && fed - mark > limits.maxStanzaBytes()) {
      throw overLimit();
    }
  }

  /** Whether the peer has closed its stream with {@code </stream:stream>}. */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Refuses a DOCTYPE or comment before the stream's root tag. Aalto's non-blocking parser cannot read an internal
   * DTD subset and would report it as broken XML; this names it for what it is, before any of it is parsed.
   */
  private void checkProlog(byte[] buffer, int offset, int length) throws StreamErrorException {
    for (int i = offset; i < offset + length && !pastProlog; i++) {
      byte b = buffer[i];
      if (previousPrologByte == '<') {
        if (b == '!') {
          throw restricted("a DTD or comment");
        }
        pastProlog = b != '?';
      }
      previousPrologByte = b;
    }
  }

  private void drainEvents() throws XMLStreamException, IOException {
    while (!closed) {
      int event = reader.next();
      switch (event) {
        case AsyncXMLStreamReader.EVENT_INCOMPLETE:
          return;
        case XMLStreamConstants.START_ELEMENT:
          startElement();
          break;
        case XMLStreamConstants.END_ELEMENT:
          endElement();
          break;
        case XMLStreamConstants.CHARACTERS:
        case XMLStreamConstants.CDATA:
        case XMLStreamConstants.SPACE:
          text();
          break;
        case XMLStreamConstants.DTD:
          throw restricted("a DTD");
        case XMLStreamConstants.ENTITY_REFERENCE:
          throw restricted("an entity reference");
        case XMLStreamConstants.COMMENT:
          throw restricted("a comment");
        case XMLStreamConstants.PROCESSING_INSTRUCTION:
          throw restricted("a processing instruction");
        case XMLStreamConstants.START_DOCUMENT:
          break;
        default:
          throw StreamErrorException.detected(Condition.not_well_formed, "unexpected XML event " + event);
      }
    }
  }

  private void startElement() throws IOException {
    depth++;
    if (depth == 1) {
      openStream();
      return;
    }
    if (depth == 2) {
      mark = reader.getLocationInfo().getStartingByteOffset();
    } else if (depth - 1 > limits.maxDepth()) {
      throw StreamErrorException.detected(
          Condition.policy_violation, "stanza nested deeper than " + limits.maxDepth() + " elements");
    }
    Element element = new DefaultElement(qualifiedName());
    declareNamespaces(element);
    for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
      String uri = reader.getAttributeNamespace(i);
      QName name = names.get(reader.getAttributeLocalName(i), reader.getAttributePrefix(i), uri == null ? "" : uri);
      element.add(new DefaultAttribute(name, reader.getAttributeValue(i)));
    }
    if (current != null) {
      current.add(element);
    }
    current = element;
  }

  /**
   * The element's name; the stream's content namespace is dropped from stanzas and their direct
   * {@code body}/{@code error}-like children, as Tinder creates them without one.
   */
  private QName qualifiedName() {
    String uri = reader.getNamespaceURI();
    String local = reader.getLocalName();
    if (uri == null || uri.isEmpty()
        || (uri.equals(contentNamespace) && (current == null || current.getNamespaceURI().isEmpty()))) {
      return names.get(local, "", "");
    }
    return names.get(local, reader.getPrefix(), uri);
  }

  /** Keeps prefix declarations the element's own name does not already carry, so its attributes resolve. */
  private void declareNamespaces(Element element) {
    for (int i = 0, n = reader.getNamespaceCount(); i < n; i++) {
      String prefix = reader.getNamespacePrefix(i);
      if (prefix == null || prefix.isEmpty() || prefix.equals(element.getNamespacePrefix())) {
        continue;
      }
      element.add(names.namespace(prefix, reader.getNamespaceURI(i)));
    }
  }

  private void openStream() throws IOException {
    if (!"stream".equals(reader.getLocalName()) || !XmppNamespaces.STREAMS.equals(reader.getNamespaceURI())) {
      throw StreamErrorException.detected(Condition.invalid_namespace,
          "expected <stream:stream> in " + XmppNamespaces.STREAMS + ", got <" + reader.getLocalName() + ">");
    }
    String id = null;
    String from = null;
    for (int i = 0, n = reader.getAttributeCount(); i < n; i++) {
      switch (reader.getAttributeLocalName(i)) {
        case "id" -> id = reader.getAttributeValue(i);
        case "from" -> from = reader.getAttributeValue(i);
        default -> { }
      }
    }
    String declared = reader.getNamespaceContext().getNamespaceURI("");
    if (declared != null && !declared.isEmpty()) {
      contentNamespace = declared;
    }
    mark = reader.getLocationInfo().getStartingByteOffset();
    listener.streamOpened(new StreamHeader(id, from, contentNamespace));
  }

  private void endElement() throws IOException {
    depth--;
    if (depth == 0) {
      closed = true;
      listener.streamClosed();
      return;
    }
    Element parent = current.getParent();
    if (parent != null) {
      current = parent;
      return;
    }
    long end = reader.getLocationInfo().getStartingByteOffset();
    if (end - mark > limits.maxStanzaBytes()) {
      throw overLimit();
    }
    Element stanza = current;
    current = null;
    mark = end;
    listener.elementReceived(stanza);
  }

  private void text() throws IOException {
    if (current != null) {
      current.addText(reader.getText());
      return;
    }
    if (!reader.isWhiteSpace()) {
      throw StreamErrorException.detected(Condition.bad_format, "text outside any stanza");
    }
    mark = reader.getLocationInfo().getStartingByteOffset();
  }

  private StreamErrorException overLimit() {
    return StreamErrorException.detected(
        Condition.policy_violation, "stanza larger than " + limits.maxStanzaBytes() + " bytes");
  }

  private static StreamErrorException restricted(String what) {
    return StreamErrorException.detected(
        Condition.restricted_xml, what + " is not allowed in an XMPP stream (RFC 6120 §11.1)");
  }

  private static String firstLine(XMLStreamException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
