/**
 * Routing inbound stanzas to the code that handles them, and the error replies RFC 6120 §8.3 asks for when
 * nothing can.
 */
package dev.kindling.dispatch;
