package dev.kindling.stream;

/**
 * The attributes of a peer's opening {@code <stream:stream>} tag (RFC 6120 §4.7).
 *
 * @param id the stream id the server chose; the component handshake digests it (XEP-0114 §3)
 * @param from the domain the peer says it serves, or {@code null}
 * @param contentNamespace the default namespace of the stream's content, such as {@code jabber:component:accept}
 */
public record StreamHeader(String id, String from, String contentNamespace) {}
