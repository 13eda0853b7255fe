package dev.kindling.connection;

/**
 * Hears a {@link ComponentConnection} change state. Called on the thread that made the change, which may be
 * the reader thread: return quickly and do not block.
 */
@FunctionalInterface
public interface ConnectionListener {
  /**
   * The connection entered {@code state}.
   *
   * @param cause why, for {@link ConnectionState#DISCONNECTED} and for {@link ConnectionState#CLOSED} after a
   *     failure; otherwise {@code null}
   */
  void stateChanged(ConnectionState state, Throwable cause);
}
