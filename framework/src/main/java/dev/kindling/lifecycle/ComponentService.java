package dev.kindling.lifecycle;

/**
 * A resource a service owns for as long as it runs — a database pool, a server socket, a timer — started before
 * the first stanza is dispatched and stopped after the last is handled.
 *
 * <p>Two scopes: a handler class of a component that implements it is started before its component connects and
 * stopped after its component has drained and closed its connection; a class declared with
 * {@link dev.kindling.inject.Components#service(Class)} is shared by the process, started before any component
 * and stopped after all of them. Each group starts in declaration order and stops in reverse. If one fails to
 * start, the ones already started are stopped again, in reverse, and {@link dev.kindling.inject.Kindling#start()}
 * throws a {@link ServiceStartException} naming it ({@code kindling run} prints that one line and exits 1).
 *
 * <pre>{@code
 * @Singleton
 * final class Database implements ComponentService {
 *   private HikariDataSource pool;
 *   @Override public void start() { pool = new HikariDataSource(config); }
 *   @Override public void stop() { pool.close(); }
 * }
 * // module: Components.bind(binder()).service(Database.class).add("pubsub", PubSubHandlers.class);
 * }</pre>
 */
public interface ComponentService {
  /**
   * Acquires the resource. Runs once, on the thread that starts Kindling; may block.
   *
   * @throws Exception to refuse to start, with a message an operator understands
   */
  void start() throws Exception;

  /**
   * Sends what a clean end needs while the connection is still up (a bot leaves its rooms): runs once when the
   * component begins to stop, before its accepted stanzas are drained and its connection closes, and only after
   * {@link #start()} succeeded. What it sends is written before the stream ends. Must not block for long. Only a
   * component's own services are told; a shared one ({@code Components.service}) has no connection of its own.
   */
  default void closing() {
    // nothing to say by default
  }

  /** Releases the resource; runs once, and only after {@link #start()} succeeded. */
  default void stop() throws Exception {
    // nothing to release by default
  }
}
