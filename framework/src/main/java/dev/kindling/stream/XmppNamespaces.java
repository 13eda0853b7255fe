package dev.kindling.stream;

/** The namespaces the stream layer itself reads and writes (RFC 6120 §4.8, XEP-0114 §3). */
public final class XmppNamespaces {
  /** The namespace of {@code <stream:stream>} and {@code <stream:error>}. */
  public static final String STREAMS = "http://etherx.jabber.org/streams";
  /** The content namespace of a component stream (XEP-0114 §3). */
  public static final String COMPONENT_ACCEPT = "jabber:component:accept";
  /** The namespace of a stream error's condition and text (RFC 6120 §4.9.2). */
  public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
  /** The namespace of a stanza error's condition and text (RFC 6120 §8.3.2). */
  public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";

  private XmppNamespaces() {}
}
