package dev.kindling.disco;

import java.util.List;

/**
 * What disco#info answers for a node of the component (XEP-0030 §3.2).
 *
 * @param identities the node's identities
 * @param features the node's features
 */
public record NodeInfo(List<DiscoIdentity> identities, List<String> features) {
  /** Copies the lists. */
  public NodeInfo {
    identities = List.copyOf(identities);
    features = List.copyOf(features);
  }
}
