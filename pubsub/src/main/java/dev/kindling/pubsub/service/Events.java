package dev.kindling.pubsub.service;

import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.Subscription;
import org.dom4j.Element;

/** The {@code <event/>} payloads that are not about items: subscription state (§8.6, §8.8.4) and the like. */
final class Events {
  private Events() {}

  /** {@code <event><subscription node jid subscription subid/></event>}. */
  static Element subscription(Node node, Subscription subscription) {
    Element event = Notifier.event();
    Replies.subscription(event, node.id(), subscription);
    return event;
  }
}
