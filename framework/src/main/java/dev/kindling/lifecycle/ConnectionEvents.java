package dev.kindling.lifecycle;

import dev.kindling.connection.ConnectionListener;

/**
 * The changes of a component's connection, for services that must act on them: a bot rejoins its rooms each time
 * the component is {@link dev.kindling.connection.ConnectionState#AUTHENTICATED} again (the server forgot its
 * presences when the connection dropped). Inject it into a handler class or service of the component.
 *
 * <pre>{@code
 * @Inject
 * RoomKeeper(ConnectionEvents events, Outbound outbound) {
 *   events.listen((state, cause) -> {
 *     if (state == ConnectionState.AUTHENTICATED) rooms.forEach(room -> outbound.send(join(room)));
 *   });
 * }
 * }</pre>
 *
 * <p>Listeners hear {@code AUTHENTICATED} (after the first connection and after every reconnection),
 * {@code DISCONNECTED} (with the cause, once per loss however many reconnection attempts fail) and
 * {@code CLOSED}, in the order they happened, one at a time on the
 * component's own event thread: not the reader, so a listener may block briefly, but a slow one delays the
 * events after it. {@link dev.kindling.connection.ConnectionState#CONNECTING} is not reported. In the test kit,
 * {@code ComponentTester.connectionEvent(...)} simulates them.
 */
public interface ConnectionEvents {
  /** Adds a listener for the events from now on. */
  void listen(ConnectionListener listener);
}
