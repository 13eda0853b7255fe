package dev.kindling.pubsub.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmpp.packet.JID;

/**
 * One node as the service holds it in memory: configuration, affiliations, subscriptions and how many items it
 * keeps. Every request reads it here; the database has the same, for restarts and for other instances.
 *
 * <p>Not thread-safe on its own: the service holds the node's monitor ({@code synchronized (node)}) while it
 * reads or changes it, so that a request sees and changes one node atomically (the configuration, volatile, is
 * also read without it where a stale one does no harm). The recipients of a notification are kept
 * computed between subscription changes, so that a publish to 100 000 subscribers does not walk them all to
 * find whom to send to.
 */
public final class Node {
  private final String id;
  private final JID creator;
  private final long createdAt;
  private volatile NodeConfig config;
  private final Map<String, Affiliation> affiliations = new LinkedHashMap<>();
  private final Map<JID, List<Subscription>> subscriptions = new LinkedHashMap<>();
  private int subscriptionCount;
  private int itemCount;
  private int publishing;
  private boolean deleted;
  private volatile boolean replaced;
  private boolean detached;
  private Recipients recipients;

  /**
   * @param id the node id
   * @param creator the bare JID that created it
   * @param createdAt when, in epoch milliseconds
   * @param config its configuration
   */
  public Node(String id, JID creator, long createdAt, NodeConfig config) {
    this.id = id;
    this.creator = creator;
    this.createdAt = createdAt;
    this.config = config;
  }

  public String id() {
    return id;
  }

  public JID creator() {
    return creator;
  }

  /** Creation time in epoch milliseconds. */
  public long createdAt() {
    return createdAt;
  }

  public NodeConfig config() {
    return config;
  }

  public void setConfig(NodeConfig newConfig) {
    config = newConfig;
  }

  /** The affiliation of {@code jid}'s bare JID; {@code none} when it has none. */
  public Affiliation affiliation(JID jid) {
    return affiliations.getOrDefault(jid.toBareJID(), Affiliation.NONE);
  }

  /** Sets {@code bareJid}'s affiliation; {@code none} removes it. */
  public void setAffiliation(String bareJid, Affiliation affiliation) {
    if (affiliation == Affiliation.NONE) {
      affiliations.remove(bareJid);
    } else {
      affiliations.put(bareJid, affiliation);
    }
  }

  /** Every affiliation other than {@code none}, by bare JID. */
  public Map<String, Affiliation> affiliations() {
    return Map.copyOf(affiliations);
  }

  /** The bare JIDs affiliated as owners. */
  public List<String> owners() {
    List<String> owners = new ArrayList<>();
    affiliations.forEach((jid, affiliation) -> {
      if (affiliation == Affiliation.OWNER) {
        owners.add(jid);
      }
    });
    return owners;
  }

  /** The subscriptions of exactly {@code jid} (bare or full, as subscribed). */
  public List<Subscription> subscriptionsOf(JID jid) {
    return List.copyOf(subscriptions.getOrDefault(jid, List.of()));
  }

  /** The subscriptions of {@code bareJid} and of its full JIDs, in the order made. */
  public List<Subscription> subscriptionsOfBare(String bareJid) {
    List<Subscription> held = new ArrayList<>(1);
    subscriptions.forEach((jid, ofJid) -> {
      if (jid.toBareJID().equals(bareJid)) {
        held.addAll(ofJid);
      }
    });
    return held;
  }

  /** Whether {@code bareJid} holds an affiliation here, or a subscription (of its own or of a full JID). */
  public boolean holdsAnything(String bareJid) {
    return affiliations.containsKey(bareJid)
        || subscriptions.keySet().stream().anyMatch(jid -> jid.toBareJID().equals(bareJid));
  }

  /** The subscription with id {@code subid}, if any. */
  public Optional<Subscription> subscription(String subid) {
    for (List<Subscription> ofJid : subscriptions.values()) {
      for (Subscription subscription : ofJid) {
        if (subscription.subid().equals(subid)) {
          return Optional.of(subscription);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code jid}, or its bare JID, holds a {@code subscribed} subscription. */
  public boolean isSubscribed(JID jid) {
    return holdsSubscribed(jid) || (jid.getResource() != null && holdsSubscribed(new JID(jid.toBareJID())));
  }

  private boolean holdsSubscribed(JID jid) {
    for (Subscription subscription : subscriptions.getOrDefault(jid, List.of())) {
      if (subscription.state() == SubscriptionState.SUBSCRIBED) {
        return true;
      }
    }
    return false;
  }

  /** Adds or replaces (by subid) a subscription. */
  public void putSubscription(Subscription subscription) {
    List<Subscription> ofJid = subscriptions.computeIfAbsent(subscription.jid(), jid -> new ArrayList<>(1));
    ofJid.removeIf(existing -> {
      boolean same = existing.subid().equals(subscription.subid());
      if (same) {
        subscriptionCount--;
      }
      return same;
    });
    ofJid.add(subscription);
    subscriptionCount++;
    recipients = null;
  }

  /** Removes the subscription {@code subid} of {@code jid}; whether there was one. */
  public boolean removeSubscription(JID jid, String subid) {
    List<Subscription> ofJid = subscriptions.get(jid);
    if (ofJid == null || !ofJid.removeIf(subscription -> subscription.subid().equals(subid))) {
      return false;
    }
    if (ofJid.isEmpty()) {
      subscriptions.remove(jid);
    }
    subscriptionCount--;
    recipients = null;
    return true;
  }

  /** Every subscription, in the order made. */
  public List<Subscription> subscriptions() {
    List<Subscription> all = new ArrayList<>(subscriptionCount);
    subscriptions.values().forEach(all::addAll);
    return all;
  }

  public int subscriptionCount() {
    return subscriptionCount;
  }

  /**
   * Who receives this node's notifications: the subscribed JIDs with their subids, computed once between
   * subscription changes. Takes the node's monitor itself, so that a notification to a collection's subscribers
   * reads them without holding the leaf's.
   */
  public synchronized Recipients recipients() {
    if (recipients == null) {
      recipients = Recipients.of(subscriptions);
    }
    return recipients;
  }

  public int itemCount() {
    return itemCount;
  }

  public void setItemCount(int count) {
    itemCount = count;
  }

  /**
   * Notes an item write handed to the store, and tells whether the node may hold {@code keep} items once the
   * writes before it are committed, so that the write must trim the oldest. Counting the writes not yet committed
   * keeps a client that pipelines its publishes from taking the node past {@code keep}.
   */
  public boolean startPublish(int keep) {
    boolean full = itemCount + publishing >= keep;
    publishing++;
    return full;
  }

  /** Notes the end of a write {@link #startPublish} noted: committed ({@code added}: with a new id) or failed. */
  public void endPublish(boolean added, int keep) {
    publishing--;
    if (added) {
      itemCount = Math.min(itemCount + 1, keep);
    }
  }

  /** Whether the node was deleted, for a request that found it just before. */
  public boolean isDeleted() {
    return deleted;
  }

  public void markDeleted() {
    deleted = true;
  }

  /** Whether the service holds another object for this node now, loaded from the database. */
  public boolean isReplaced() {
    return replaced;
  }

  public void markReplaced() {
    replaced = true;
  }

  /**
   * Whether this node's subscriptions and affiliations no longer count in the service's per-JID holdings (it was
   * replaced by the database's copy, which counts instead); read and set holding the monitor.
   */
  public boolean isDetached() {
    return detached;
  }

  /** Marks this node {@link #isDetached() detached}; call holding the monitor. */
  public void markDetached() {
    detached = true;
  }

  @Override
  public String toString() {
    return "node '" + id + "'";
  }
}
