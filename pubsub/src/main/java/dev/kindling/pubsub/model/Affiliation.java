package dev.kindling.pubsub.model;

import java.util.Optional;

/**
 * What an entity is to a node (XEP-0060 §4.1), which decides what it may do there: owners everything, publishers
 * publish and read, publish-only publish, members read a whitelisted node, outcasts nothing.
 */
public enum Affiliation {
  OWNER("owner"),
  PUBLISHER("publisher"),
  PUBLISH_ONLY("publish-only"),
  MEMBER("member"),
  NONE("none"),
  OUTCAST("outcast");

  private final String xmpp;

  Affiliation(String xmpp) {
    this.xmpp = xmpp;
  }

  /** The name on the wire. */
  public String xmpp() {
    return xmpp;
  }

  /** The affiliation named {@code name} on the wire. */
  public static Optional<Affiliation> parse(String name) {
    for (Affiliation affiliation : values()) {
      if (affiliation.xmpp.equals(name)) {
        return Optional.of(affiliation);
      }
    }
    return Optional.empty();
  }

  /** Whether it may publish to a node whose publish model is {@code publishers}. */
  public boolean canPublish() {
    return this == OWNER || this == PUBLISHER || this == PUBLISH_ONLY;
  }

  /** Whether it reads a node without a subscription (owners and publishers do, whatever the access model). */
  public boolean readsWithoutSubscription() {
    return this == OWNER || this == PUBLISHER;
  }
}
