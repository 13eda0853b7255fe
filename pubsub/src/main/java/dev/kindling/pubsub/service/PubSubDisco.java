package dev.kindling.pubsub.service;

import dev.kindling.disco.DiscoIdentity;
import dev.kindling.disco.DiscoItem;
import dev.kindling.disco.DiscoProvider;
import dev.kindling.disco.DiscoQuery;
import dev.kindling.disco.EntityInfo;
import dev.kindling.form.Field;
import dev.kindling.form.Form;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Outbound;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.NodeConfig;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

/**
 * Service discovery of the PubSub service (XEP-0060 §5): the features it implements, and only those; its
 * top-level nodes as items; a collection's children; a leaf's item ids; and for each node its identity with the
 * {@code pubsub#meta-data} form (§5.4).
 */
public final class PubSubDisco implements DiscoProvider {
  /** Every {@code pubsub#} feature the service implements (XEP-0060 §10); nothing it does not. */
  static final List<String> FEATURES = List.of("access-authorize", "access-open", "access-whitelist",
      "auto-create", "collections", "config-node", "create-and-configure", "create-nodes", "delete-items",
      "delete-nodes", "instant-nodes", "item-ids", "last-published", "manage-subscriptions",
      "member-affiliation", "meta-data", "modify-affiliations", "multi-subscribe", "outcast-affiliation",
      "persistent-items", "publish", "publish-options", "publish-only-affiliation", "publisher-affiliation",
      "purge-nodes", "retract-items", "retrieve-affiliations", "retrieve-default", "retrieve-default-sub",
      "retrieve-items", "retrieve-subscriptions", "subscribe", "subscription-options", "subscription-notifications")
      .stream().map(feature -> Namespaces.PUBSUB + "#" + feature).toList();

  private static final Form META_DATA = Form.ofType(Namespaces.META_DATA)
      .field(Field.text("pubsub#title").label("A short name for the node"))
      .field(Field.text("pubsub#description").label("A description of the node"))
      .field(Field.text("pubsub#type").label("Payload type"))
      .field(Field.text("pubsub#creation_date").label("Creation date"))
      .field(Field.jid("pubsub#creator").label("The JID of the node creator"))
      .field(Field.jidMulti("pubsub#owner").label("Node owners"))
      .field(Field.listSingle("pubsub#access_model").label("Access model")
          .option("open", "Open").option("whitelist", "Whitelist").option("authorize", "Authorize"))
      .field(Field.listSingle("pubsub#publish_model").label("Publish model")
          .option("publishers", "Publishers").option("subscribers", "Subscribers").option("open", "Open"))
      .field(Field.text("pubsub#num_subscribers").label("Number of subscribers"))
      .field(Field.text("pubsub#max_items").label("Maximum number of items kept"));

  private final PubSubService service;
  private final Outbound outbound;

  @Inject
  PubSubDisco(PubSubService service, Outbound outbound) {
    this.service = service;
    this.outbound = outbound;
  }

  @Blocking
  @Override
  public Optional<EntityInfo> info(DiscoQuery query) {
    if (query.isForDomain()) {
      return Optional.of(new EntityInfo(List.of(), FEATURES));
    }
    if (query.addressee().getNode() != null || query.addressee().getResource() != null) {
      return Optional.empty();
    }
    Node node = service.lookup(query.node());
    if (node == null || node.isDeleted()) {
      return Optional.empty();
    }
    DataForm metaData;
    boolean collection;
    synchronized (node) {
      collection = node.config().isCollection();
      metaData = metaData(node);
    }
    DiscoIdentity identity = new DiscoIdentity("pubsub", collection ? "collection" : "leaf", node.config().title());
    return Optional.of(new EntityInfo(List.of(identity), List.of("http://jabber.org/protocol/disco#info",
        "http://jabber.org/protocol/disco#items", Namespaces.PUBSUB), List.of(metaData)));
  }

  private DataForm metaData(Node node) {
    NodeConfig config = node.config();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("pubsub#title", config.title());
    values.put("pubsub#description", String.join("", config.values().get(NodeConfig.DESCRIPTION)));
    values.put("pubsub#type", String.join("", config.values().get(NodeConfig.PAYLOAD_TYPE)));
    values.put("pubsub#creation_date", Instant.ofEpochMilli(node.createdAt()));
    values.put("pubsub#creator", node.creator());
    values.put("pubsub#owner", node.owners().stream().map(JID::new).toList());
    values.put("pubsub#access_model", config.accessModel().xmpp());
    values.put("pubsub#publish_model", config.publishModel().xmpp());
    values.put("pubsub#num_subscribers", Integer.toString(node.subscriptionCount()));
    values.put("pubsub#max_items", Integer.toString(config.effectiveMaxItems(service.limits())));
    return META_DATA.result(values);
  }

  @Blocking
  @Override
  public List<DiscoItem> items(DiscoQuery query) {
    if (query.addressee().getNode() != null || query.addressee().getResource() != null) {
      return List.of();
    }
    JID self = outbound.jid();
    if (query.node() == null) {
      return service.topLevel().stream().map(node -> new DiscoItem(self, node.id(), name(node))).toList();
    }
    Node node = service.lookup(query.node());
    if (node == null || node.isDeleted()) {
      return List.of();
    }
    if (node.config().isCollection()) {
      return service.children(node.id()).stream().map(child -> new DiscoItem(self, child.id(), name(child))).toList();
    }
    try {
      synchronized (node) {
        Access.requireReader(node, query.requester());
      }
      List<DiscoItem> items = new ArrayList<>();
      for (String id : service.store().itemIds(node.id(), node.config().effectiveMaxItems(service.limits()),
          Retrieval.notBefore(node))) {
        items.add(new DiscoItem(self, null, id));
      }
      return items;
    } catch (dev.kindling.handler.StanzaErrorException e) {
      return List.of();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the items of " + node, e);
    }
  }

  private static String name(Node node) {
    String title = node.config().title();
    return title.isEmpty() ? null : title;
  }
}
