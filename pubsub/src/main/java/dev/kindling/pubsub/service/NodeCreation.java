package dev.kindling.pubsub.service;

import dev.kindling.form.Form;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.pubsub.PubSubKeys;
import dev.kindling.pubsub.model.Affiliation;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.NodeConfig;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.pubsub.model.PubSubLimits;
import dev.kindling.pubsub.store.PubSubStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError.Condition;

/**
 * Creating nodes (XEP-0060 §8.1): named and instant, with a configuration at creation (§8.1.3), into a
 * collection its creator owns, and created by a publish to a missing node (§7.1.4, auto-create) with the
 * publish-options as its configuration. Who may, and how many, is the operator's choice.
 */
@Singleton
final class NodeCreation {
  /** A node added to the service, and the future of its commit. */
  record Created(Node node, CompletableFuture<Void> saved) {}

  private final PubSubService service;
  private final CreatorPolicy policy;
  private final Notifier notifier;
  private final boolean autoCreate;

  @Inject
  NodeCreation(PubSubService service, CreatorPolicy policy, Notifier notifier, KindlingConfig config) {
    this.service = service;
    this.policy = policy;
    this.notifier = notifier;
    this.autoCreate = config.get(PubSubKeys.AUTO_CREATE);
  }

  /** Creates the node {@code nodeId}, or an instant node (a generated id) for {@code null}. */
  Created create(JID requester, String nodeId, DataForm configuration) throws StanzaErrorException {
    if (!policy.mayCreate(requester)) {
      throw PubSubErrors.plain(Condition.forbidden, "you may not create nodes on this service");
    }
    if (nodeId != null && nodeId.length() > PubSubStore.MAX_ID_LENGTH) {
      throw PubSubErrors.plain(Condition.not_acceptable, "node ids are at most " + PubSubStore.MAX_ID_LENGTH
          + " characters");
    }
    PubSubLimits limits = service.limits();
    if (service.nodesCreatedBy(requester.toBareJID()) >= limits.maxNodesPerOwner()) {
      throw PubSubErrors.of(Condition.not_allowed, "max-nodes-exceeded", "you own "
          + limits.maxNodesPerOwner() + " nodes, the most this service allows");
    }
    String id = nodeId == null || nodeId.isEmpty() ? UUID.randomUUID().toString() : nodeId;
    if (service.lookup(id) != null) {
      throw PubSubErrors.plain(Condition.conflict, "node '" + id + "' exists");
    }
    FormField type = configuration == null ? null : configuration.getField(NodeConfig.NODE_TYPE);
    boolean collection = type != null && "collection".equals(type.getFirstValue());
    NodeConfig config = NodeConfig.defaults(collection, limits).apply(configuration, true, limits);
    Optional<Node> parent = parentOf(config, requester);
    Node node = new Node(id, new JID(requester.toBareJID()), System.currentTimeMillis(), config);
    node.setAffiliation(requester.toBareJID(), Affiliation.OWNER);
    if (!service.add(node)) {
      throw PubSubErrors.plain(Condition.conflict, "node '" + id + "' exists");
    }
    CompletableFuture<Void> saved = service.store().createNode(node);
    saved.whenComplete((done, failure) -> {
      if (failure != null) {
        service.remove(node);
      } else {
        parent.ifPresent(collectionNode -> notifier.notifyChildChange(collectionNode, id, true));
      }
    });
    return new Created(node, saved);
  }

  /** A publish to the missing node {@code nodeId}: creates it if auto-create is on, else item-not-found. */
  Created autoCreate(JID requester, String nodeId, DataForm publishOptions) throws StanzaErrorException {
    if (!autoCreate || !policy.mayCreate(requester)) {
      throw PubSubErrors.noSuchNode(nodeId);
    }
    try {
      return create(requester, nodeId, asConfiguration(publishOptions));
    } catch (StanzaErrorException e) {
      if (e.condition() == Condition.conflict) {
        // created by another request meanwhile: publish to it
        Node existing = service.require(nodeId);
        return new Created(existing, CompletableFuture.completedFuture(null));
      }
      throw e;
    }
  }

  /** Publish-options as a {@code pubsub#node_config} submission: the same fields under another FORM_TYPE. */
  private static DataForm asConfiguration(DataForm publishOptions) {
    if (publishOptions == null) {
      return null;
    }
    Element copy = publishOptions.getElement().createCopy();
    for (Element field : copy.elements("field")) {
      if (Form.FORM_TYPE.equals(field.attributeValue("var"))) {
        copy.remove(field);
      }
    }
    return new DataForm(copy);
  }

  /** The collection the configuration puts the node in, which must exist and be owned by the requester. */
  Optional<Node> parentOf(NodeConfig config, JID requester) throws StanzaErrorException {
    if (config.parent().isEmpty()) {
      return Optional.empty();
    }
    Node parent = service.require(config.parent().get());
    if (!parent.config().isCollection()) {
      throw PubSubErrors.plain(Condition.not_acceptable, "node '" + parent.id() + "' is not a collection");
    }
    synchronized (parent) {
      Access.requireOwner(parent, requester, "add nodes to collection " + parent.id());
    }
    return Optional.of(parent);
  }
}
