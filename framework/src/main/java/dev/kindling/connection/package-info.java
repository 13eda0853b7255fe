/**
 * The component's connection to its XMPP server: TCP, the XEP-0114 (Jabber Component Protocol, version 1.6)
 * handshake, a reader and a writer thread, keepalive by XEP-0199 ping, IQ request tracking, and reconnection
 * with exponential back-off after an unexpected loss.
 *
 * <p>Start with {@link dev.kindling.connection.ComponentConnection}.
 */
package dev.kindling.connection;
