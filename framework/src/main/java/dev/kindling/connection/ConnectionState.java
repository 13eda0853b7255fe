package dev.kindling.connection;

/** Where a {@link ComponentConnection} is in its life. */
public enum ConnectionState {
  /** Not yet asked to connect. */
  NEW,
  /** Opening TCP and doing the handshake. */
  CONNECTING,
  /** The server accepted the handshake; stanzas flow. */
  AUTHENTICATED,
  /** The connection was lost; another attempt is scheduled. Outbound stanzas wait in the send queue. */
  DISCONNECTED,
  /** Closed for good, by {@link ComponentConnection#close()} or after a refusal that reconnecting cannot mend. */
  CLOSED
}
