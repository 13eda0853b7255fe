package dev.kindling.pubsub.model;

/** Who may publish to a node (XEP-0060 §16.4.3's {@code pubsub#publish_model}). */
public enum PublishModel {
  /** Owners, publishers and publish-only entities. */
  PUBLISHERS("publishers"),
  /** Those, and every subscriber. */
  SUBSCRIBERS("subscribers"),
  /** Anyone not an outcast. */
  OPEN("open");

  private final String xmpp;

  PublishModel(String xmpp) {
    this.xmpp = xmpp;
  }

  /** The name on the wire. */
  public String xmpp() {
    return xmpp;
  }

  /** The model named {@code name}, which must be one of these. */
  public static PublishModel parse(String name) {
    for (PublishModel model : values()) {
      if (model.xmpp.equals(name)) {
        return model;
      }
    }
    throw new IllegalArgumentException("no publish model '" + name + "'");
  }
}
