/**
 * Routing inbound stanzas to handler methods: the handler classes are scanned and checked once at start-up
 * ({@link dev.kindling.dispatch.HandlerScanner}), bound to method handles
 * ({@link dev.kindling.dispatch.HandlerTable}), and each stanza is routed with a hash probe and run in order
 * for its sender ({@link dev.kindling.dispatch.PerSenderExecutor}). Also the error replies RFC 6120 §8.3 and
 * §8.4 ask for when no handler takes a stanza, a handler fails, or the component is overloaded.
 */
package dev.kindling.dispatch;
