package dev.kindling.disco;

import org.dom4j.Element;

/**
 * An identity in a disco#info answer (XEP-0030 §3.1).
 *
 * @param category the category, such as {@code component}
 * @param type the type, such as {@code generic}
 * @param name a human-readable name, or empty
 */
public record DiscoIdentity(String category, String type, String name) {
  /** Adds this identity to a {@code <query/>}. */
  public void addTo(Element query) {
    Element identity = query.addElement("identity").addAttribute("category", category).addAttribute("type", type);
    if (!name.isEmpty()) {
      identity.addAttribute("name", name);
    }
  }
}
