package dev.kindling.connection;

/**
 * Hears a {@link ComponentConnection} change state. Called on the thread that made the change, which may be
 * the reader thread, while the connection's notification lock is held (so that changes are told in order):
 * return quickly, do not block, and never wait for another thread that changes the connection's state. A
 * component's services listen through {@link dev.kindling.lifecycle.ConnectionEvents} instead, on a thread of
 * their own.
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
