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
 * limit), and the nodes where it holds a subscription or an affiliation, so that "my subscriptions" and "my
 * affiliations" (XEP-0060 §5.6, §5.7) read those nodes instead of every node (15 ms at 100 000 subscriptions).
 *
 * <p>The nodes may be more than the JID holds: an entry is added whenever a subscription or an affiliation is,
 * and dropped when the node goes or when a request finds nothing held there ({@link #forget}). Entries are
 * {@link Node} objects, not ids: a node replaced by a reload or deleted and created again is another object, so
 * forgetting the old one never drops the new one's entry. Readers check the node itself, and that it is current.
 */
final class Holdings {
  private static final class Holding {
    final AtomicInteger subscriptions = new AtomicInteger();
    final Set<Node> nodes = ConcurrentHashMap.newKeySet();
  }

  private final Map<String, Holding> byJid = new ConcurrentHashMap<>();

  /** Adds {@code sign} (1 or -1) for every subscription and affiliation of {@code node}: it came or went. */
  void count(Node node, int sign) {
    List<Subscription> held = node.subscriptions();
    Set<String> affiliated = node.affiliations().keySet();
    held.forEach(subscription -> subscriptions(subscription.jid().toBareJID(), node, sign));
    if (sign > 0) {
      affiliated.forEach(jid -> affiliation(jid, node));
    } else {
      held.forEach(subscription -> forget(subscription.jid().toBareJID(), node));
      affiliated.forEach(jid -> forget(jid, node));
    }
  }

  /** Adds {@code delta} to the subscriptions {@code bareJid} holds, one of them (if added) at {@code node}. */
  void subscriptions(String bareJid, Node node, int delta) {
    // compute, not computeIfAbsent: atomic with forget, which may drop an empty holding meanwhile
    byJid.compute(bareJid, (jid, held) -> {
      Holding holding = held == null ? new Holding() : held;
      holding.subscriptions.addAndGet(delta);
      if (delta > 0) {
        holding.nodes.add(node);
      }
      return holding;
    });
  }

  /** {@code bareJid} now holds an affiliation at {@code node}. */
  void affiliation(String bareJid, Node node) {
    byJid.compute(bareJid, (jid, held) -> {
      Holding holding = held == null ? new Holding() : held;
      holding.nodes.add(node);
      return holding;
    });
  }

  /** {@code bareJid} holds nothing at {@code node}; a JID left with nothing anywhere is dropped. */
  void forget(String bareJid, Node node) {
    byJid.computeIfPresent(bareJid, (jid, holding) -> {
      holding.nodes.remove(node);
      return holding.nodes.isEmpty() && holding.subscriptions.get() == 0 ? null : holding;
    });
  }

  /** How many subscriptions {@code bareJid} holds. */
  int subscriptionCount(String bareJid) {
    Holding holding = byJid.get(bareJid);
    return holding == null ? 0 : holding.subscriptions.get();
  }

  /** The nodes where {@code bareJid} may hold something. */
  List<Node> nodes(String bareJid) {
    Holding holding = byJid.get(bareJid);
    return holding == null ? List.of() : List.copyOf(holding.nodes);
  }
}
