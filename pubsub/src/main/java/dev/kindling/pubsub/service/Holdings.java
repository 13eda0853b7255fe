package dev.kindling.pubsub.service;

import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.Subscription;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What each bare JID holds across the service: how many subscriptions (the {@code pubsub.max-subscriptions-per-jid}
 * limit), and the ids of the nodes where it holds a subscription or an affiliation, so that "my subscriptions" and
 * "my affiliations" (XEP-0060 §5.6, §5.7) read those nodes instead of every node (15 ms at 100 000
 * subscriptions).
 *
 * <p>The node ids may name more than the JID holds: an entry is added whenever a subscription or an affiliation
 * is, and dropped when the node goes or when a request finds nothing held there ({@link #forget}, under the
 * node's monitor, as every addition is). Readers check the node itself.
 */
final class Holdings {
  private static final class Holding {
    final AtomicInteger subscriptions = new AtomicInteger();
    final Set<String> nodes = ConcurrentHashMap.newKeySet();
  }

  private final Map<String, Holding> byJid = new ConcurrentHashMap<>();

  /** Adds {@code sign} (1 or -1) for every subscription and affiliation of {@code node}: it came or went. */
  void count(Node node, int sign) {
    for (Subscription subscription : node.subscriptions()) {
      subscriptions(subscription.jid().toBareJID(), node.id(), sign);
    }
    for (String jid : node.affiliations().keySet()) {
      if (sign > 0) {
        affiliation(jid, node.id());
      }
    }
    if (sign < 0) {
      node.subscriptions().forEach(subscription -> forget(subscription.jid().toBareJID(), node.id()));
      node.affiliations().keySet().forEach(jid -> forget(jid, node.id()));
    }
  }

  /** Adds {@code delta} to the subscriptions {@code bareJid} holds, one of them (if added) at {@code nodeId}. */
  void subscriptions(String bareJid, String nodeId, int delta) {
    Holding holding = byJid.computeIfAbsent(bareJid, jid -> new Holding());
    holding.subscriptions.addAndGet(delta);
    if (delta > 0) {
      holding.nodes.add(nodeId);
    }
  }

  /** {@code bareJid} now holds an affiliation at {@code nodeId}. */
  void affiliation(String bareJid, String nodeId) {
    byJid.computeIfAbsent(bareJid, jid -> new Holding()).nodes.add(nodeId);
  }

  /** {@code bareJid} holds nothing at {@code nodeId}. */
  void forget(String bareJid, String nodeId) {
    Holding holding = byJid.get(bareJid);
    if (holding != null) {
      holding.nodes.remove(nodeId);
    }
  }

  /** How many subscriptions {@code bareJid} holds. */
  int subscriptionCount(String bareJid) {
    Holding holding = byJid.get(bareJid);
    return holding == null ? 0 : holding.subscriptions.get();
  }

  /** The ids of the nodes where {@code bareJid} may hold something. */
  List<String> nodes(String bareJid) {
    Holding holding = byJid.get(bareJid);
    return holding == null ? List.of() : List.copyOf(holding.nodes);
  }
}
