package dev.kindling.builtin;

import dev.kindling.handler.IqHandler;

/** Answers XEP-0199 pings with an empty result (§4.2: the pinged entity returns an IQ result). */
public final class PingHandler {
  /** The ping namespace. */
  public static final String NAMESPACE = "urn:xmpp:ping";

  @IqHandler(element = "ping", namespace = NAMESPACE)
  void ping() {
    // the empty result is the answer
  }
}
