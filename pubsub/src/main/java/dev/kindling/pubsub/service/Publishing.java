package dev.kindling.pubsub.service;

import dev.kindling.handler.StanzaErrorException;
import dev.kindling.pubsub.model.Affiliation;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.NodeConfig;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.pubsub.model.Recipients;
import dev.kindling.pubsub.store.PubSubStore;
import dev.kindling.pubsub.store.StoredItem;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.PacketError.Condition;

/**
 * Publishing and retracting items (XEP-0060 §7.1, §7.2): checks, publish-options as preconditions (§7.1.5, which
 * OMEMO clients depend on), auto-create, the write, and the notifications once it is committed.
 */
@Singleton
final class Publishing {
  private final PubSubService service;
  private final NodeCreation creation;
  private final Notifier notifier;

  @Inject
  Publishing(PubSubService service, NodeCreation creation, Notifier notifier) {
    this.service = service;
    this.creation = creation;
    this.notifier = notifier;
  }

  /** A publish request: the answer's {@code <pubsub/>} once the item is committed. */
  CompletableFuture<Element> publish(JID requester, Element publish, DataForm options) throws StanzaErrorException {
    String nodeId = publish.attributeValue("node");
    if (nodeId == null || nodeId.isEmpty()) {
      throw PubSubErrors.nodeIdRequired();
    }
    List<Element> items = publish.elements("item");
    if (items.size() > 1) {
      throw PubSubErrors.of(Condition.bad_request, "invalid-payload", "publish one item per request");
    }
    Element item = items.isEmpty() ? null : items.get(0);
    List<Element> payloads = item == null ? List.of() : item.elements();
    if (payloads.size() > 1) {
      throw PubSubErrors.of(Condition.bad_request, "invalid-payload", "an item holds one payload element");
    }
    Element payload = payloads.isEmpty() ? null : payloads.get(0);
    String serialised = payload == null ? null : payload.asXML();
    String itemId = item == null ? null : item.attributeValue("id");
    boolean newId = itemId == null || itemId.isEmpty();
    if (newId) {
      itemId = UUID.randomUUID().toString();
    } else if (itemId.length() > PubSubStore.MAX_ID_LENGTH) {
      throw PubSubErrors.plain(Condition.not_acceptable, "item ids are at most " + PubSubStore.MAX_ID_LENGTH
          + " characters");
    }
    if (notifier.isBackedUp()) {
      throw new StanzaErrorException(Condition.resource_constraint, PacketError.Type.wait, "notifications of"
          + " earlier publishes are still going out: publish again shortly", null);
    }

    Node node = service.lookup(nodeId);
    CompletableFuture<Void> created = CompletableFuture.completedFuture(null);
    if (node == null) {
      NodeCreation.Created made = creation.autoCreate(requester, nodeId, options);
      node = made.node();
      created = made.saved();
      options = null;
    }
    Prepared prepared;
    synchronized (node) {
      if (node.isDeleted()) {
        throw PubSubErrors.noSuchNode(nodeId);
      }
      prepared = prepare(node, requester, new Offered(item != null, itemId, newId, payload, serialised), options);
    }
    Node published = node;
    return created.thenCompose(ignored -> prepared.saved).thenApply(added -> {
      if (prepared.event != null) {
        // after the answer, not before: queued behind 10 000 notifications it would reach the publisher seconds late
        notifier.notifyLater(published, prepared.event, prepared.recipients);
      }
      return answer(nodeId, prepared.itemId);
    });
  }

  /**
   * The item a publish request offers: whether it has one, its id ({@code newId} when the service generated it),
   * and its payload, parsed and serialised.
   */
  private record Offered(boolean hasItem, String itemId, boolean newId, Element payload, String serialised) {}

  private record Prepared(String itemId, CompletableFuture<Boolean> saved, Element event, Recipients recipients) {}

  /**
   * Checks a publish against the node (§7.1.3: who may, then the preconditions, then the item) and queues its
   * write; called holding the node's monitor. A transient notification-only node (neither persisting items nor
   * delivering payloads, §4.3) takes a publish without an item and refuses one with an item.
   */
  private Prepared prepare(Node node, JID requester, Offered offered, DataForm options) throws StanzaErrorException {
    NodeConfig config = node.config();
    String itemId = offered.itemId();
    Element payload = offered.payload();
    String serialised = offered.serialised();
    Access.requirePublisher(node, requester);
    if (config.isCollection()) {
      throw PubSubErrors.unsupported("publish", "items are published to leaf nodes, not to collection " + node.id());
    }
    Optional<String> unmet = config.unmetPrecondition(options, service.limits());
    if (unmet.isPresent()) {
      throw PubSubErrors.of(Condition.conflict, "precondition-not-met", "publish-options not met: " + unmet.get());
    }
    boolean notificationOnly = !config.persistItems() && !config.deliverPayloads();
    if (notificationOnly && offered.hasItem()) {
      throw PubSubErrors.of(Condition.bad_request, "item-forbidden", "this transient notification-only node takes"
          + " publishes without an item");
    }
    if (!notificationOnly && !offered.hasItem()) {
      throw PubSubErrors.of(Condition.bad_request, "item-required", "the request has no <item/>");
    }
    if (payload == null && !notificationOnly) {
      throw PubSubErrors.of(Condition.bad_request, "payload-required", "this node's items need a payload");
    }
    String type = config.payloadType();
    if (payload != null && !type.isEmpty() && !type.equals(payload.getNamespaceURI())) {
      // §7.1.3.5: the payload's namespace is not the node's pubsub#type
      throw PubSubErrors.of(Condition.bad_request, "invalid-payload", "payloads here are in namespace " + type);
    }
    if (serialised != null && serialised.getBytes(StandardCharsets.UTF_8).length > config.maxPayloadSize()) {
      throw PubSubErrors.of(Condition.not_acceptable, "payload-too-big", "payloads here are at most "
          + config.maxPayloadSize() + " bytes");
    }
    CompletableFuture<Boolean> saved = CompletableFuture.completedFuture(false);
    if (config.persistItems()) {
      int keep = config.effectiveMaxItems(service.limits());
      saved = service.store().publish(node.id(), new StoredItem(itemId, requester.toString(),
          System.currentTimeMillis(), serialised), keep, node.startPublish(keep), offered.newId())
          .whenComplete((added, failure) -> {
            synchronized (node) {
              node.endPublish(Boolean.TRUE.equals(added), keep);
            }
          });
    }
    Element event = null;
    if (config.deliverNotifications()) {
      event = Notifier.event();
      Element shownItems = event.addElement("items").addAttribute("node", node.id());
      if (!notificationOnly) {
        Element shown = shownItems.addElement("item").addAttribute("id", itemId);
        if (config.replyToPublisher()) {
          shown.addAttribute("publisher", requester.toBareJID());
        }
        if (payload != null && config.deliverPayloads()) {
          shown.add(payload.createCopy());
        }
      }
    }
    return new Prepared(itemId, saved, event, node.recipients());
  }

  private static Element answer(String nodeId, String itemId) {
    Element pubsub = Replies.pubsub();
    pubsub.addElement("publish").addAttribute("node", nodeId).addElement("item").addAttribute("id", itemId);
    return pubsub;
  }

  /** A retract request (§7.2): an empty result once the items are removed. */
  CompletableFuture<Element> retract(JID requester, Element retract) throws StanzaErrorException, SQLException {
    Node node = service.require(retract.attributeValue("node"));
    List<String> ids = retract.elements("item").stream().map(item -> item.attributeValue("id"))
        .filter(id -> id != null && !id.isEmpty()).toList();
    if (ids.isEmpty()) {
      throw PubSubErrors.of(Condition.bad_request, "item-required", "name the item to retract");
    }
    boolean notifyAsked = "true".equals(retract.attributeValue("notify")) || "1".equals(retract.attributeValue("notify"));
    CompletableFuture<Integer> removed;
    Element event = null;
    Recipients recipients;
    List<StoredItem> found = service.store().itemsById(node.id(), ids, 0);
    synchronized (node) {
      Affiliation affiliation = node.affiliation(requester);
      if (!affiliation.canPublish()) {
        throw PubSubErrors.plain(Condition.forbidden, "only publishers may retract items");
      }
      if (node.config().isCollection()) {
        throw PubSubErrors.unsupported("persistent-items", "collection " + node.id() + " keeps no items");
      }
      if (found.size() < ids.size()) {
        throw PubSubErrors.plain(Condition.item_not_found, "no such item in node " + node.id());
      }
      if (affiliation == Affiliation.PUBLISH_ONLY
          && found.stream().anyMatch(item -> !new JID(item.publisher()).toBareJID().equals(requester.toBareJID()))) {
        throw PubSubErrors.plain(Condition.forbidden, "a publish-only entity retracts only its own items");
      }
      removed = service.store().retract(node.id(), ids);
      if (node.config().deliverNotifications() && (notifyAsked || node.config().notifyRetract())) {
        event = Notifier.event();
        Element items = event.addElement("items").addAttribute("node", node.id());
        ids.forEach(id -> items.addElement("retract").addAttribute("id", id));
      }
      recipients = node.recipients();
    }
    Element retractEvent = event;
    return removed.thenApply(count -> {
      synchronized (node) {
        node.setItemCount(Math.max(0, node.itemCount() - count));
      }
      if (retractEvent != null) {
        notifier.notify(node, retractEvent, recipients, true);
      }
      return null;
    });
  }
}
