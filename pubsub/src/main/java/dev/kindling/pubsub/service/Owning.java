package dev.kindling.pubsub.service;

import dev.kindling.handler.StanzaErrorException;
import dev.kindling.pubsub.model.Affiliation;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.NodeConfig;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.pubsub.model.Recipients;
import dev.kindling.pubsub.model.Subscription;
import dev.kindling.pubsub.model.SubscriptionOptions;
import dev.kindling.pubsub.model.SubscriptionState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError.Condition;

/**
 * What only a node's owners do (XEP-0060 §8): configure it (and be told of changes), delete it (with a
 * redirect), purge it, and manage its subscriptions and affiliations.
 */
@Singleton
final class Owning {
  private final PubSubService service;
  private final Notifier notifier;
  private final NodeCreation creation;

  @Inject
  Owning(PubSubService service, Notifier notifier, NodeCreation creation) {
    this.service = service;
    this.notifier = notifier;
    this.creation = creation;
  }

  /** The configuration form (§8.2.1). */
  Element configurationForm(JID requester, Element configure) throws StanzaErrorException {
    Node node = service.require(configure.attributeValue("node"));
    DataForm form;
    synchronized (node) {
      Access.requireOwner(node, requester, "configure it");
      form = node.config().toForm(childIds(node));
    }
    Element answer = Replies.owner();
    answer.addElement("configure").addAttribute("node", node.id()).add(form.getElement().createCopy());
    return answer;
  }

  private List<String> childIds(Node node) {
    return service.children(node.id()).stream().map(Node::id).toList();
  }

  /** The default configuration (§8.3). */
  Element defaultConfiguration() {
    Element answer = Replies.owner();
    answer.addElement("default").add(NodeConfig.defaults(false, service.limits()).toForm(List.of())
        .getElement().createCopy());
    return answer;
  }

  /**
   * A submitted configuration (§8.2.4). Subscribers the new access model shuts out (a whitelist they are not on)
   * lose their subscription and are told so.
   */
  CompletableFuture<Element> configure(JID requester, Element configure) throws StanzaErrorException {
    Node node = service.require(configure.attributeValue("node"));
    DataForm submitted = Retrieval.form(configure);
    if (submitted == null) {
      throw PubSubErrors.plain(Condition.bad_request, "the request holds no configuration form");
    }
    NodeConfig candidate;
    synchronized (node) {
      Access.requireLive(node);
      Access.requireOwner(node, requester, "configure it");
      candidate = node.config().apply(submitted, false, service.limits());
    }
    if (!candidate.parent().equals(node.config().parent())) {
      creation.parentOf(candidate, requester);
      refuseCycle(node, candidate.parent().orElse(null));
    }
    Optional<List<String>> children = NodeConfig.submittedChildren(submitted);
    List<CompletableFuture<?>> saved = new ArrayList<>();
    if (children.isPresent() && candidate.isCollection()) {
      saved.addAll(reparent(node, children.get(), requester));
    }
    NodeConfig changed;
    Optional<String> oldParent;
    Recipients recipients;
    List<Subscription> revoked;
    synchronized (node) {
      Access.requireLive(node);
      Access.requireOwner(node, requester, "configure it");
      changed = node.config().apply(submitted, false, service.limits());
      oldParent = node.config().parent();
      node.setConfig(changed);
      revoked = revokeShutOut(node);
      recipients = node.recipients();
      saved.add(service.guard(node, service.store().saveConfig(node.id(), changed)));
      if (!revoked.isEmpty()) {
        saved.add(service.guard(node, service.store().saveSubscriptions(node.id(), List.of(),
            revoked.stream().map(Subscription::subid).toList())));
      }
      int keep = changed.effectiveMaxItems(service.limits());
      if (node.itemCount() > keep) {
        saved.add(service.store().trimTo(node.id(), keep).thenAccept(count -> {
          synchronized (node) {
            node.setItemCount(count);
          }
        }));
      }
    }
    return CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new)).thenApply(done -> {
      if (changed.notifyConfig() && changed.deliverNotifications()) {
        Element event = Notifier.event();
        Element configuration = event.addElement("configuration").addAttribute("node", node.id());
        if (changed.deliverPayloads()) {
          configuration.add(changed.toForm(childIds(node)).getElement().createCopy());
          configuration.element("x").addAttribute("type", "result");
        }
        notifier.notify(node, event, recipients, false);
      }
      tellRevoked(node, revoked);
      if (!oldParent.equals(changed.parent())) {
        oldParent.map(service::find).ifPresent(old -> notifier.notifyChildChange(old, node.id(), false));
        changed.parent().map(service::find).ifPresent(added -> notifier.notifyChildChange(added, node.id(), true));
      }
      return null;
    });
  }

  /** Refuses to put {@code node} into {@code parentId} if that collection is {@code node} or lies below it. */
  private void refuseCycle(Node node, String parentId) throws StanzaErrorException {
    String ancestor = parentId;
    for (int depth = 0; ancestor != null && depth < 1000; depth++) {
      if (ancestor.equals(node.id())) {
        throw PubSubErrors.plain(Condition.not_acceptable, "collection " + parentId + " lies inside " + node.id()
            + ": a node cannot be in its own subtree");
      }
      Node above = service.find(ancestor);
      ancestor = above == null ? null : above.config().parent().orElse(null);
    }
  }

  /**
   * Removes the subscriptions of those the node's access model and affiliations no longer let subscribe (a
   * whitelist they are not on, an outcast), returning them. Called holding the node's monitor.
   */
  private List<Subscription> revokeShutOut(Node node) {
    List<Subscription> revoked = new ArrayList<>();
    for (Subscription subscription : node.subscriptions()) {
      try {
        Access.checkSubscriber(node, subscription.jid());
      } catch (StanzaErrorException shutOut) {
        node.removeSubscription(subscription.jid(), subscription.subid());
        service.countSubscription(subscription.jid().toBareJID(), node, -1);
        revoked.add(subscription.withState(SubscriptionState.NONE));
      }
    }
    return revoked;
  }

  /** Tells each subscriber of its subscription's new state. */
  private void tellRevoked(Node node, List<Subscription> revoked) {
    revoked.forEach(subscription -> notifier.notifyOne(node, Events.subscription(node, subscription),
        subscription.jid()));
  }

  /** Makes {@code wanted} the children of the collection {@code node}: each must exist and be the requester's. */
  private List<CompletableFuture<?>> reparent(Node node, List<String> wanted, JID requester)
      throws StanzaErrorException {
    List<CompletableFuture<?>> saved = new ArrayList<>();
    List<Node> current = service.children(node.id());
    List<Node> added = new ArrayList<>();
    for (String id : wanted) {
      Node child = service.require(id);
      if (child == node) {
        throw PubSubErrors.plain(Condition.not_acceptable, "a node cannot be its own child");
      }
      synchronized (child) {
        Access.requireOwner(child, requester, "move it into collection " + node.id());
      }
      added.add(child);
    }
    for (Node child : current) {
      if (!added.contains(child)) {
        saved.add(setParent(child, null));
      }
    }
    for (Node child : added) {
      if (!current.contains(child)) {
        saved.add(setParent(child, node.id()));
      }
    }
    return saved;
  }

  private CompletableFuture<Void> setParent(Node child, String parentId) {
    synchronized (child) {
      NodeConfig moved = child.config().with(NodeConfig.COLLECTION, parentId == null ? List.of() : List.of(parentId));
      child.setConfig(moved);
      return service.guard(child, service.store().saveConfig(child.id(), moved));
    }
  }

  /**
   * Deletes a node (§8.4), telling its subscribers, with the redirect if given. The node stays in memory, marked
   * deleted, until the deletion is committed; its children become top-level nodes.
   */
  CompletableFuture<Element> delete(JID requester, Element delete) throws StanzaErrorException {
    Node node = service.require(delete.attributeValue("node"));
    Recipients recipients;
    CompletableFuture<Void> deleted;
    synchronized (node) {
      Access.requireLive(node);
      Access.requireOwner(node, requester, "delete it");
      node.markDeleted();
      recipients = node.recipients();
      deleted = service.guard(node, service.store().deleteNodes(List.of(node.id())));
    }
    List<CompletableFuture<?>> saved = new ArrayList<>();
    saved.add(deleted);
    for (Node child : service.children(node.id())) {
      saved.add(setParent(child, null));
    }
    Element redirect = delete.element("redirect");
    return CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new)).thenApply(done -> {
      service.remove(node);
      if (node.config().notifyDelete() && node.config().deliverNotifications()) {
        Element event = Notifier.event();
        Element gone = event.addElement("delete").addAttribute("node", node.id());
        if (redirect != null && redirect.attributeValue("uri") != null) {
          gone.addElement("redirect").addAttribute("uri", redirect.attributeValue("uri"));
        }
        notifier.notify(node, event, recipients, false);
      }
      node.config().parent().map(service::find)
          .ifPresent(parent -> notifier.notifyChildChange(parent, node.id(), false));
      return null;
    });
  }

  /** Purges every item of a node (§8.5). */
  CompletableFuture<Element> purge(JID requester, Element purge) throws StanzaErrorException {
    Node node = service.require(purge.attributeValue("node"));
    Recipients recipients;
    CompletableFuture<Void> purged;
    synchronized (node) {
      Access.requireLive(node);
      Access.requireOwner(node, requester, "purge it");
      if (node.config().isCollection()) {
        throw PubSubErrors.unsupported("purge-nodes", node.id() + " is a collection: purge its leaves");
      }
      recipients = node.recipients();
      purged = service.store().purge(node.id());
    }
    return purged.thenApply(done -> {
      synchronized (node) {
        node.setItemCount(0);
      }
      if (node.config().notifyRetract() && node.config().deliverNotifications()) {
        Element event = Notifier.event();
        event.addElement("purge").addAttribute("node", node.id());
        notifier.notify(node, event, recipients, false);
      }
      return null;
    });
  }

  /** The node's subscriptions (§8.8.1). */
  Element subscriptions(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    Element answer = Replies.owner();
    Element list = answer.addElement("subscriptions").addAttribute("node", node.id());
    synchronized (node) {
      Access.requireOwner(node, requester, "see its subscriptions");
      for (Subscription subscription : node.subscriptions()) {
        Replies.subscription(list, null, subscription);
      }
    }
    return answer;
  }

  /**
   * Changes subscriptions (§8.8.2): each subscriber whose state changes is told. An owner may subscribe others,
   * within the limits a subscriber has (no outcast, at most {@code pubsub.max-subscriptions-per-jid} each) and at
   * most {@value #MAX_ENTRIES} entries per request, so that a node cannot be made to spam strangers.
   */
  CompletableFuture<Element> modifySubscriptions(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    List<Element> entries = entries(request, "subscription");
    List<Subscription> saved = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<Subscription> told = new ArrayList<>();
    CompletableFuture<Void> written;
    synchronized (node) {
      Access.requireLive(node);
      Access.requireOwner(node, requester, "manage its subscriptions");
      for (Element entry : entries) {
        JID jid = jid(entry);
        SubscriptionState state = SubscriptionState.parse(entry.attributeValue("subscription"));
        if (state == null) {
          throw PubSubErrors.plain(Condition.bad_request, "no subscription state '"
              + entry.attributeValue("subscription") + "'");
        }
        String subid = entry.attributeValue("subid");
        List<Subscription> held = node.subscriptionsOf(jid).stream()
            .filter(subscription -> subid == null || subscription.subid().equals(subid)).toList();
        if (state == SubscriptionState.NONE) {
          for (Subscription subscription : held) {
            node.removeSubscription(jid, subscription.subid());
            service.countSubscription(jid.toBareJID(), node, -1);
            removed.add(subscription.subid());
            told.add(subscription.withState(SubscriptionState.NONE));
          }
        } else if (held.isEmpty()) {
          if (node.affiliation(jid) == Affiliation.OUTCAST) {
            throw PubSubErrors.plain(Condition.not_acceptable, jid + " is an outcast of " + node.id());
          }
          if (service.subscriptionsHeldBy(jid.toBareJID()) >= service.limits().maxSubscriptionsPerJid()) {
            throw PubSubErrors.plain(Condition.not_acceptable, jid + " holds the most subscriptions allowed");
          }
          Subscription made = new Subscription(jid, UUID.randomUUID().toString(), state, SubscriptionOptions.DEFAULT);
          node.putSubscription(made);
          service.countSubscription(jid.toBareJID(), node, 1);
          saved.add(made);
          told.add(made);
        } else {
          for (Subscription subscription : held) {
            Subscription changed = subscription.withState(state);
            node.putSubscription(changed);
            saved.add(changed);
            told.add(changed);
          }
        }
      }
      written = service.guard(node, service.store().saveSubscriptions(node.id(), saved, removed));
    }
    return written.thenApply(done -> {
      tellRevoked(node, told);
      return null;
    });
  }

  private static final int MAX_ENTRIES = 100;

  /** The {@code name} children of a manage request: at most {@value #MAX_ENTRIES}, each JID once (§8.9.2.4). */
  private static List<Element> entries(Element request, String name) throws StanzaErrorException {
    List<Element> entries = request.elements(name);
    if (entries.size() > MAX_ENTRIES) {
      throw PubSubErrors.plain(Condition.not_acceptable, "at most " + MAX_ENTRIES + " entries per request");
    }
    if (entries.stream().map(entry -> entry.attributeValue("jid") + " " + entry.attributeValue("subid"))
        .distinct().count() < entries.size()) {
      throw PubSubErrors.plain(Condition.bad_request, "a JID is named twice");
    }
    return entries;
  }

  /** The node's affiliations (§8.9.1). */
  Element affiliations(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    Element answer = Replies.owner();
    Element list = answer.addElement("affiliations").addAttribute("node", node.id());
    synchronized (node) {
      Access.requireOwner(node, requester, "see its affiliations");
      node.affiliations().forEach((jid, affiliation) -> list.addElement("affiliation").addAttribute("jid", jid)
          .addAttribute("affiliation", affiliation.xmpp()));
    }
    return answer;
  }

  /**
   * Changes affiliations (§8.9.2): the last owner cannot be removed, and those the change shuts out (an outcast,
   * a member removed from a whitelist node) lose their subscriptions and are told so. All changes are made or
   * none.
   */
  CompletableFuture<Element> modifyAffiliations(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    Map<String, Affiliation> changes = new LinkedHashMap<>();
    for (Element entry : entries(request, "affiliation")) {
      JID jid = jid(entry);
      Affiliation affiliation = Affiliation.parse(entry.attributeValue("affiliation")).orElseThrow(() ->
          PubSubErrors.plain(Condition.bad_request, "no affiliation '" + entry.attributeValue("affiliation") + "'"));
      changes.put(jid.toBareJID(), affiliation);
    }
    List<Subscription> revoked;
    List<CompletableFuture<?>> saved = new ArrayList<>();
    synchronized (node) {
      Access.requireLive(node);
      Access.requireOwner(node, requester, "manage its affiliations");
      Map<String, Affiliation> after = new LinkedHashMap<>(node.affiliations());
      after.putAll(changes);
      if (after.values().stream().noneMatch(affiliation -> affiliation == Affiliation.OWNER)) {
        throw PubSubErrors.plain(Condition.not_acceptable, "a node keeps at least one owner");
      }
      changes.forEach((jid, affiliation) -> {
        node.setAffiliation(jid, affiliation);
        if (affiliation != Affiliation.NONE) {
          service.countAffiliation(jid, node);
        }
      });
      revoked = revokeShutOut(node);
      saved.add(service.guard(node, service.store().saveAffiliations(node.id(), changes)));
      if (!revoked.isEmpty()) {
        saved.add(service.guard(node, service.store().saveSubscriptions(node.id(), List.of(),
            revoked.stream().map(Subscription::subid).toList())));
      }
    }
    return CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new)).thenApply(done -> {
      tellRevoked(node, revoked);
      return null;
    });
  }

  private static JID jid(Element entry) throws StanzaErrorException {
    String text = entry.attributeValue("jid");
    try {
      return new JID(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw PubSubErrors.plain(Condition.bad_request, "'" + text + "' is not a JID");
    }
  }
}
