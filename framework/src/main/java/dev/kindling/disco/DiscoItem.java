package dev.kindling.disco;

import org.dom4j.Element;
import org.xmpp.packet.JID;

/**
 * An item in a disco#items answer (XEP-0030 §4.1).
 *
 * @param jid the item's address
 * @param node the item's node, or {@code null}
 * @param name a human-readable name, or {@code null}
 */
public record DiscoItem(JID jid, String node, String name) {
  /** Adds this item to a {@code <query/>}. */
  public void addTo(Element query) {
    Element item = query.addElement("item").addAttribute("jid", jid.toString());
    if (node != null) {
      item.addAttribute("node", node);
    }
    if (name != null) {
      item.addAttribute("name", name);
    }
  }
}
