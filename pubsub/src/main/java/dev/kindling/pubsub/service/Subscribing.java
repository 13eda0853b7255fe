package dev.kindling.pubsub.service;

import dev.kindling.handler.StanzaErrorException;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.pubsub.model.PubSubLimits;
import dev.kindling.pubsub.model.Subscription;
import dev.kindling.pubsub.model.SubscriptionOptions;
import dev.kindling.pubsub.model.SubscriptionState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.PacketError.Condition;

/**
 * Subscribing, unsubscribing and subscription options (XEP-0060 §6.1–§6.4): a JID subscribes only itself, may
 * hold several subscriptions to a node told apart by subid, waits for an owner's approval on an {@code
 * authorize} node (§8.6), and gets the last published item on subscribing where the node says so.
 */
@Singleton
final class Subscribing {
  private final PubSubService service;
  private final Notifier notifier;
  private final Approvals approvals;
  private final LastItems lastItems;

  @Inject
  Subscribing(PubSubService service, Notifier notifier, Approvals approvals, LastItems lastItems) {
    this.service = service;
    this.notifier = notifier;
    this.approvals = approvals;
    this.lastItems = lastItems;
  }

  /** A subscribe request, with the {@code <options/>} form if the request has one (§6.3.7). */
  CompletableFuture<Element> subscribe(JID requester, Element subscribe, DataForm options)
      throws StanzaErrorException {
    Node node = service.require(subscribe.attributeValue("node"));
    JID jid = ownJid(requester, subscribe, true);
    Subscription subscription;
    CompletableFuture<Void> saved;
    List<String> owners;
    synchronized (node) {
      Access.requireLive(node);
      boolean needsApproval = Access.checkSubscriber(node, jid);
      List<Subscription> held = node.subscriptionsOf(jid);
      if (held.stream().anyMatch(existing -> existing.state() == SubscriptionState.PENDING)) {
        throw PubSubErrors.of(Condition.not_authorized, "pending-subscription", "your subscription waits for"
            + " an owner's approval");
      }
      if (!held.isEmpty() && options == null) {
        return CompletableFuture.completedFuture(answer(node, held.get(0)));
      }
      PubSubLimits limits = service.limits();
      if (service.subscriptionsHeldBy(jid.toBareJID()) >= limits.maxSubscriptionsPerJid()) {
        throw StanzaErrorException.policyViolation(PacketError.Type.wait, "you hold "
            + limits.maxSubscriptionsPerJid() + " subscriptions, the most this service allows",
            PubSubErrors.condition("too-many-subscriptions"));
      }
      SubscriptionOptions chosen = SubscriptionOptions.DEFAULT.apply(options);
      subscription = new Subscription(jid, UUID.randomUUID().toString(),
          needsApproval ? SubscriptionState.PENDING : SubscriptionState.SUBSCRIBED, chosen);
      node.putSubscription(subscription);
      service.countSubscription(jid.toBareJID(), node, 1);
      saved = service.guard(node, service.store().saveSubscriptions(node.id(), List.of(subscription), List.of()));
      owners = node.owners();
    }
    // the last item goes out before the answer, so that it comes before any item published after it
    return saved.thenCompose(done -> afterSubscribe(node, subscription, owners))
        .thenApply(done -> answer(node, subscription));
  }

  private static Element answer(Node node, Subscription subscription) {
    Element pubsub = Replies.pubsub();
    Replies.subscription(pubsub, node.id(), subscription);
    return pubsub;
  }

  private CompletableFuture<Void> afterSubscribe(Node node, Subscription subscription, List<String> owners) {
    if (subscription.state() == SubscriptionState.PENDING) {
      approvals.ask(node, subscription, owners);
      return CompletableFuture.completedFuture(null);
    }
    if (node.config().notifySub()) {
      owners.forEach(owner -> notifier.notifyOne(node, Events.subscription(node, subscription), new JID(owner)));
    }
    return lastItems.send(node, subscription);
  }

  /** An unsubscribe request (§6.2). */
  CompletableFuture<Element> unsubscribe(JID requester, Element unsubscribe) throws StanzaErrorException {
    Node node = service.require(unsubscribe.attributeValue("node"));
    JID jid = ownJid(requester, unsubscribe, false);
    Subscription removed;
    CompletableFuture<Void> saved;
    List<String> owners;
    synchronized (node) {
      Access.requireLive(node);
      removed = chosen(node, jid, unsubscribe.attributeValue("subid"));
      node.removeSubscription(jid, removed.subid());
      service.countSubscription(jid.toBareJID(), node, -1);
      saved = service.guard(node, service.store().saveSubscriptions(node.id(), List.of(), List.of(removed.subid())));
      owners = node.owners();
    }
    return saved.thenApply(done -> {
      if (node.config().notifySub()) {
        Subscription gone = removed.withState(SubscriptionState.NONE);
        owners.forEach(owner -> notifier.notifyOne(node, Events.subscription(node, gone), new JID(owner)));
      }
      return null;
    });
  }

  /** An options get (§6.3.2): the form filled with the subscription's options. */
  Element options(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    JID jid = ownJid(requester, request, false);
    Subscription subscription;
    synchronized (node) {
      subscription = chosen(node, jid, request.attributeValue("subid"));
    }
    Element pubsub = Replies.pubsub();
    Element options = pubsub.addElement("options").addAttribute("node", node.id())
        .addAttribute("jid", jid.toString()).addAttribute("subid", subscription.subid());
    options.add(subscription.options().toForm().getElement().createCopy());
    return pubsub;
  }

  /** An options set (§6.3.5). */
  CompletableFuture<Element> configure(JID requester, Element request) throws StanzaErrorException {
    Node node = service.require(request.attributeValue("node"));
    JID jid = ownJid(requester, request, false);
    DataForm form = Retrieval.form(request);
    synchronized (node) {
      Access.requireLive(node);
      Subscription subscription = chosen(node, jid, request.attributeValue("subid"));
      Subscription changed = subscription.withOptions(subscription.options().apply(form));
      node.putSubscription(changed);
      return service.guard(node, service.store().saveSubscriptions(node.id(), List.of(changed), List.of()))
          .thenApply(saved -> null);
    }
  }

  /** The default subscription options (§6.4). */
  static Element defaultOptions(Element request) {
    Element pubsub = Replies.pubsub();
    Element defaults = pubsub.addElement("default");
    if (request.attributeValue("node") != null) {
      defaults.addAttribute("node", request.attributeValue("node"));
    }
    defaults.add(SubscriptionOptions.DEFAULT.toForm().getElement().createCopy());
    return pubsub;
  }

  /**
   * The subscription of {@code jid} a request means: the one with its subid, or its only one (§6.2.3, §6.3.4).
   */
  private static Subscription chosen(Node node, JID jid, String subid) throws StanzaErrorException {
    List<Subscription> held = node.subscriptionsOf(jid);
    if (held.isEmpty()) {
      throw PubSubErrors.of(Condition.unexpected_request, "not-subscribed", jid + " is not subscribed to "
          + node.id());
    }
    if (subid == null || subid.isEmpty()) {
      if (held.size() > 1) {
        throw PubSubErrors.of(Condition.bad_request, "subid-required", jid + " holds " + held.size()
            + " subscriptions to " + node.id() + ": name one by subid");
      }
      return held.get(0);
    }
    return held.stream().filter(subscription -> subscription.subid().equals(subid)).findFirst()
        .orElseThrow(() -> PubSubErrors.of(Condition.not_acceptable, "invalid-subid", "no subscription " + subid));
  }

  /**
   * The {@code jid} attribute of a request, which must be the requester's own (bare or full): one entity may not
   * subscribe or unsubscribe another (§6.1.3.1, §6.2.3.3).
   */
  private static JID ownJid(JID requester, Element request, boolean subscribing) throws StanzaErrorException {
    String attribute = request.attributeValue("jid");
    if (attribute == null || attribute.isEmpty()) {
      throw PubSubErrors.of(Condition.bad_request, "jid-required", "the request names no jid");
    }
    JID jid;
    try {
      // the requester's own address, as clients send it, needs no second stringprep (half a millisecond each)
      jid = attribute.equals(requester.toBareJID()) ? requester.asBareJID()
          : attribute.equals(requester.toString()) ? requester : new JID(attribute);
    } catch (IllegalArgumentException e) {
      throw PubSubErrors.of(Condition.bad_request, "invalid-jid", "'" + attribute + "' is not a JID");
    }
    if (!jid.toBareJID().equals(requester.toBareJID())) {
      if (subscribing) {
        throw PubSubErrors.of(Condition.bad_request, "invalid-jid", "you may subscribe only yourself");
      }
      throw PubSubErrors.plain(Condition.forbidden, "you may act only on your own subscriptions");
    }
    return jid;
  }
}
