package dev.kindling.pubsub.model;

/**
 * Who may subscribe to a node and read its items (XEP-0060 §4.5). The {@code presence} and {@code roster}
 * models need the owner's roster, which a component cannot see: they are not offered.
 */
public enum AccessModel {
  /** Anyone not an outcast. */
  OPEN("open"),
  /** Owners, publishers and members only. */
  WHITELIST("whitelist"),
  /** Anyone an owner approves (§8.6). */
  AUTHORIZE("authorize");

  private final String xmpp;

  AccessModel(String xmpp) {
    this.xmpp = xmpp;
  }

  /** The name on the wire. */
  public String xmpp() {
    return xmpp;
  }

  /** The model named {@code name}, which must be one of these. */
  public static AccessModel parse(String name) {
    for (AccessModel model : values()) {
      if (model.xmpp.equals(name)) {
        return model;
      }
    }
    throw new IllegalArgumentException("no access model '" + name + "'");
  }
}
