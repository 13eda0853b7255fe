package dev.kindling.pubsub.model;

/**
 * The operator's limits on the service, so that no client can make it hold more than it was sized for.
 *
 * @param maxPayloadBytes the largest item payload, serialised, in bytes
 * @param maxItemsPerNode the most items a node may keep (its {@code pubsub#max_items=max})
 * @param defaultMaxItems the {@code pubsub#max_items} of a node created without one
 * @param maxNodesPerOwner the most nodes one bare JID may create
 * @param maxSubscriptionsPerJid the most subscriptions one bare JID may hold across the service
 * @param requestsPerSecond the requests per second one bare JID may make, in bursts of at most as many
 */
public record PubSubLimits(int maxPayloadBytes, int maxItemsPerNode, int defaultMaxItems, int maxNodesPerOwner,
    int maxSubscriptionsPerJid, int requestsPerSecond) {
  /** Checks that the defaults fit the maximum. */
  public PubSubLimits {
    if (defaultMaxItems > maxItemsPerNode) {
      throw new IllegalArgumentException("the default max items " + defaultMaxItems
          + " is above the most items a node may keep, " + maxItemsPerNode);
    }
  }
}
