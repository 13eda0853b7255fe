package dev.kindling.disco;

import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * A disco#info or disco#items request as a {@link DiscoProvider} sees it: who asks, which of the component's
 * addresses they ask (the domain, or an address such as {@code helper@bots.example.org}), and which node.
 *
 * @param requester the sender
 * @param addressee the address the request was sent to
 * @param node the node asked for, or {@code null} for the entity itself
 * @param query the {@code <query/>} element, for what else it carries (an XEP-0059 {@code <set/>}, say)
 */
public record DiscoQuery(JID requester, JID addressee, String node, Element query) {
  /** Whether this asks about the component's domain itself, not a node of it or another address. */
  public boolean isForDomain() {
    return node == null && addressee.getNode() == null && addressee.getResource() == null;
  }
}
