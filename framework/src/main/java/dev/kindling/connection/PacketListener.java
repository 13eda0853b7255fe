package dev.kindling.connection;

import org.xmpp.packet.Packet;

/**
 * Receives every stanza the server routes to the component, except the answers to
 * {@link ComponentConnection#request requests}, which complete their futures instead.
 *
 * <p>Called on the connection's reader thread, one stanza at a time, in the order they arrived: hand the
 * work to another thread and return, or the whole stream waits. The packet belongs to the listener.
 */
@FunctionalInterface
public interface PacketListener {
  /** A stanza arrived. */
  void packetReceived(Packet packet);
}
