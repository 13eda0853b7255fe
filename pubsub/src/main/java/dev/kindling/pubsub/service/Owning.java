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
  Element defaultConfiguration(Element request) {
    Element answer = Replies.owner();
    answer.addElement("default").add(NodeConfig.defaults(false, service.limits()).toForm(List.of())
        .getElement().createCopy());
    return answer;
  }

  /** A submitted configuration (§8.2.4). */
  CompletableFuture<Element> configure(JID requester, Element configure) throws StanzaErrorException {
    Node node = service.require(configure.attributeValue("node"));
    DataForm submitted = Retrieval.form(configure);
    if (submitted == null) {
      throw PubSubErrors.plain(Condition.bad_request, "the request holds no configuration form");
    }
    NodeConfig changed;
    Recipients recipients;
    synchronized (node) {
      Access.requireOwner(node, requester, "configure it");
      changed = node.config().apply(submitted, false, service.limits());
    }
    if (!changed.parent().equals(node.config().parent())) {
      if (changed.parent().filter(node.id()::equals).isPresent()) {
        throw PubSubErrors.plain(Condition.not_acceptable, "a node cannot be its own collection");
      }
      creation.parentOf(changed, requester);
    }
    Optional<List<String>> children = NodeConfig.submittedChildren(submitted);
    List<CompletableFuture<?>> saved = new ArrayList<>();
    if (children.isPresent() && changed.isCollection()) {
      saved.addAll(reparent(node, children.get(), requester));
    }
    Optional<String> oldParent;
    synchronized (node) {
      oldParent = node.config().parent();
      node.setConfig(changed);
      recipients = node.recipients();
    }
    saved.add(service.store().saveConfig(node.id(), changed));
    int keep = changed.effectiveMaxItems(service.limits());
    if (node.itemCount() > keep) {
      saved.add(service.store().trimTo(node.id(), keep).thenAccept(count -> {
        synchronized (node) {
          node.setItemCount(count);
        }
      }));
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
      if (!oldParent.equals(changed.parent())) {
        oldParent.map(service::find).ifPresent(old -> notifier.notifyChildChange(old, node.id(), false));
        changed.parent().map(service::find).ifPresent(added -> notifier.notifyChildChange(added, node.id(), true));
      }
      return null;
    });
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
    NodeConfig moved;
    synchronized (child) {
      moved = child.config().with(NodeConfig.COLLECTION, parentId == null ? List.of() : List.of(parentId));
      child.setConfig(moved);
    }
    return service.store().saveConfig(child.id(), moved);
  }

  /** Deletes a node (§8.4), telling its subscribers, with the redirect if given. */
  CompletableFuture<Element> delete(JID requester, Element delete) throws StanzaErrorException {
    Node node = service.require(delete.attributeValue("node"));
    Recipients recipients;
    synchronized (node) {
      Access.requireOwner(node, requester, "delete it");
      node.markDeleted();
      recipients = node.recipients();
    }
    service.remove(node);
    List<CompletableFuture<?>> saved = new ArrayList<>();
    for (Node child : service.children(node.id())) {
      saved.add(setParent(child, null));
    }
    saved.add(service.store().deleteNodes(List.of(node.id())));
    Element redirect = delete.element("redirect");
    return CompletableFuture.allOf(saved.toArray(CompletableFuture[]::new)).thenApply(done -> {
      if (node.config().notifyDelete() && node.config().deliverNotifications()) {
        Element event = Notifier.event();
        Element deleted = event.addElement("delete").addAttribute("node", node.id());
        if (redirect != null && redirect.attributeValue("uri") != null) {
          deleted.addElement("redirect").addAttribute("uri", redirect.attributeValue("uri"));
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
    synchronized (node) {
      Access.requireOwner(node, requester, "purge it");
      if (node.config().isCollection()) {
        throw PubSubErrors.unsupported("purge-nodes", node.id() + " is a collection: purge its leaves");
      }
      if (!node.config().persistItems()) {
        throw PubSubErrors.unsupported("persistent-items", node.id() + " keeps no items");
      }
      recipients = node.recipients();
    }
    return service.store().purge(node.id()).thenApply(done -> {
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
        list.addElement("subscription").addAttribute("jid", subscription.jid().toString())
            .addAttribute("subscription", subscription.state().xmpp()).addAttribute("subid", subscription.subid());
      }
    }
    return answer;
  }

  /** Changes subscriptions (§8.8.2): each subscriber whose state changes is told. */
  CompletableFuture<Element> modifySubscriptions(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    List<Subscription> saved = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<Subscription> told = new ArrayList<>();
    synchronized (node) {
      Access.requireOwner(node, requester, "manage its subscriptions");
      for (Element entry : request.elements("subscription")) {
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
            service.countSubscription(jid.toBareJID(), -1);
            removed.add(subscription.subid());
            told.add(subscription.withState(SubscriptionState.NONE));
          }
        } else if (held.isEmpty()) {
          Subscription made = new Subscription(jid, UUID.randomUUID().toString(), state, SubscriptionOptions.DEFAULT);
          node.putSubscription(made);
          service.countSubscription(jid.toBareJID(), 1);
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
    }
    return service.store().saveSubscriptions(node.id(), saved, removed).thenApply(done -> {
      told.forEach(subscription -> notifier.notifyOne(node, Events.subscription(node, subscription),
          subscription.jid()));
      return null;
    });
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
   * Changes affiliations (§8.9.2): an outcast loses its subscriptions; the last owner cannot be removed. All
   * changes are made or none.
   */
  CompletableFuture<Element> modifyAffiliations(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    Map<String, Affiliation> changes = new LinkedHashMap<>();
    for (Element entry : request.elements("affiliation")) {
      JID jid = jid(entry);
      Affiliation affiliation = Affiliation.parse(entry.attributeValue("affiliation")).orElseThrow(() ->
          PubSubErrors.plain(Condition.bad_request, "no affiliation '" + entry.attributeValue("affiliation") + "'"));
      changes.put(jid.toBareJID(), affiliation);
    }
    List<String> removedSubscriptions = new ArrayList<>();
    synchronized (node) {
      Access.requireOwner(node, requester, "manage its affiliations");
      long owners = node.owners().stream().filter(owner -> changes.getOrDefault(owner, Affiliation.OWNER)
          == Affiliation.OWNER).count()
          + changes.entrySet().stream().filter(change -> change.getValue() == Affiliation.OWNER
              && node.affiliation(new JID(change.getKey())) != Affiliation.OWNER).count();
      if (owners == 0) {
        throw PubSubErrors.plain(Condition.not_acceptable, "a node keeps at least one owner");
      }
      changes.forEach(node::setAffiliation);
      for (Map.Entry<String, Affiliation> change : changes.entrySet()) {
        if (change.getValue() == Affiliation.OUTCAST) {
          for (Subscription subscription : node.subscriptions()) {
            if (subscription.jid().toBareJID().equals(change.getKey())) {
              node.removeSubscription(subscription.jid(), subscription.subid());
              service.countSubscription(change.getKey(), -1);
              removedSubscriptions.add(subscription.subid());
            }
          }
        }
      }
    }
    CompletableFuture<Void> affiliationsSaved = service.store().saveAffiliations(node.id(), changes);
    CompletableFuture<Void> subscriptionsSaved = removedSubscriptions.isEmpty()
        ? CompletableFuture.completedFuture(null)
        : service.store().saveSubscriptions(node.id(), List.of(), removedSubscriptions);
    return affiliationsSaved.thenCombine(subscriptionsSaved, (a, b) -> null);
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
