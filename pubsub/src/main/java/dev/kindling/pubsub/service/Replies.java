package dev.kindling.pubsub.service;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** The {@code <pubsub/>} elements answers are built in. */
final class Replies {
  private Replies() {}

  /** A new {@code <pubsub xmlns='http://jabber.org/protocol/pubsub'/>}. */
  static Element pubsub() {
    return DocumentHelper.createElement(QName.get("pubsub", Namespaces.PUBSUB));
  }

  /** A new {@code <pubsub xmlns='http://jabber.org/protocol/pubsub#owner'/>}. */
  static Element owner() {
    return DocumentHelper.createElement(QName.get("pubsub", Namespaces.OWNER));
  }
}
