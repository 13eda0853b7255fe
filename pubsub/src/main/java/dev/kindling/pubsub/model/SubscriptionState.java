package dev.kindling.pubsub.model;

/** The state of a subscription (XEP-0060 §4.2): notifications go only to {@code subscribed} ones. */
public enum SubscriptionState {
  NONE("none"),
  PENDING("pending"),
  UNCONFIGURED("unconfigured"),
  SUBSCRIBED("subscribed");

  private final String xmpp;

  SubscriptionState(String xmpp) {
    this.xmpp = xmpp;
  }

  /** The name on the wire. */
  public String xmpp() {
    return xmpp;
  }

  /** The state named {@code name} on the wire, or {@code null}. */
  public static SubscriptionState parse(String name) {
    for (SubscriptionState state : values()) {
      if (state.xmpp.equals(name)) {
        return state;
      }
    }
    return null;
  }
}
