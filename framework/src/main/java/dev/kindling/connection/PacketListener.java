package dev.kindling.connection;

import org.xmpp.packet.Packet;

/**
 * Receives every stanza the server routes to the component, except the answers to
 * {@link ComponentConnection#request requests}, which complete their futures instead.
 *
 * <p>Called on the connection's reader thread, one stanza at a time, in the order they arrived: hand the
 * work to another thread and return, or the whole stream waits — unless the work is quick (microseconds):
 * then doing it right here spares two thread hand-offs, and what it sends is written by the reader before
 * it waits again (unless the socket is full or another thread is writing, which then writes it). The packet
 * belongs to the listener.
 */
@FunctionalInterface
public interface PacketListener {
  /** A stanza arrived. */
  void packetReceived(Packet packet);

  /**
   * The stanzas of one read from the socket have all been delivered; next the reader writes what is queued and
   * waits for more data. A listener that handles stanzas on the reader thread while they are quick can start
   * counting afresh here.
   */
  default void endOfRead() {
    // nothing to do by default
  }
}
