package dev.kindling.pubsub.service;

import dev.kindling.pubsub.model.Subscription;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** The {@code <pubsub/>} elements answers are built in, and the subscription element answers and events share. */
final class Replies {
  private Replies() {}

  /** A new {@code <pubsub xmlns='http://jabber.org/protocol/pubsub'/>}. */
  static Element pubsub() {
    return DocumentHelper.createElement(QName.get("pubsub", Namespaces.PUBSUB));
  }

  /**
   * Adds {@code <subscription node jid subscription subid/>} to {@code parent}, as answers and events show a
   * subscription; without {@code node} when {@code nodeId} is {@code null} (the owner's list names it once).
   */
  static Element subscription(Element parent, String nodeId, Subscription subscription) {
    Element element = parent.addElement("subscription");
    if (nodeId != null) {
      element.addAttribute("node", nodeId);
    }
    return element.addAttribute("jid", subscription.jid().toString())
        .addAttribute("subscription", subscription.state().xmpp()).addAttribute("subid", subscription.subid());
  }

  /** A new {@code <pubsub xmlns='http://jabber.org/protocol/pubsub#owner'/>}. */
  static Element owner() {
    return DocumentHelper.createElement(QName.get("pubsub", Namespaces.OWNER));
  }
}
