package dev.kindling.pubsub.service;

import dev.kindling.handler.StanzaErrorException;
import dev.kindling.pubsub.model.Affiliation;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.NodeConfig;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.pubsub.model.Subscription;
import dev.kindling.pubsub.store.StoredItem;
import dev.kindling.rsm.ResultPage;
import dev.kindling.rsm.ResultSetRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.dom4j.DocumentException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError.Condition;

/**
 * Reading: a node's items (XEP-0060 §6.5: all, the newest {@code max_items}, by id, or a page with XEP-0059),
 * and the subscriptions and affiliations an entity holds (§5.6, §5.7). Items come from the database, newest
 * first; the rest from memory.
 */
@Singleton
final class Retrieval {
  private static final int PAGE_LIMIT = 500;

  private final PubSubService service;

  @Inject
  Retrieval(PubSubService service) {
    this.service = service;
  }

  /**
   * An items request; {@code pubsub} is its {@code <pubsub/>}, which may hold an XEP-0059 {@code <set/>}. An
   * answer holds at most {@value #PAGE_LIMIT} items: a request for more, or for all of a node holding more, gets
   * the newest ones with a {@code <set/>} to page on (§6.5.4).
   */
  Element items(JID requester, Element request, Element pubsub) throws StanzaErrorException, SQLException {
    Node node = service.require(request.attributeValue("node"));
    NodeConfig config;
    synchronized (node) {
      Access.requireLive(node);
      Access.requireReader(node, requester);
      config = node.config();
      if (config.isCollection()) {
        throw PubSubErrors.unsupported("retrieve-items", node.id() + " is a collection: its items are in its leaves");
      }
    }
    long notBefore = notBefore(node);
    Element answer = Replies.pubsub();
    Element items = answer.addElement("items").addAttribute("node", node.id());
    List<String> ids = request.elements("item").stream().map(item -> item.attributeValue("id"))
        .filter(id -> id != null && !id.isEmpty()).limit(PAGE_LIMIT).toList();
    int keep = config.effectiveMaxItems(service.limits());
    Optional<ResultSetRequest> page = ResultSetRequest.from(pubsub, PAGE_LIMIT);
    List<StoredItem> found;
    ResultPage<String> shown = null;
    if (!ids.isEmpty()) {
      found = service.store().itemsById(node.id(), ids, notBefore);
    } else {
      int wanted = maxItems(request, keep);
      if (page.isEmpty() && wanted <= PAGE_LIMIT) {
        found = service.store().items(node.id(), wanted, notBefore);
      } else {
        List<String> all = service.store().itemIds(node.id(), wanted, notBefore);
        shown = page.orElse(ResultSetRequest.firstPage(PAGE_LIMIT)).page(all, id -> id);
        found = service.store().itemsById(node.id(), shown.items(), notBefore);
      }
    }
    for (StoredItem item : found) {
      items.add(itemElement(item, true, config, Namespaces.PUBSUB));
    }
    if (shown != null) {
      answer.add(shown.toElement());
    }
    return answer;
  }

  private static int maxItems(Element request, int keep) throws StanzaErrorException {
    String text = request.attributeValue("max_items");
    if (text == null) {
      return keep;
    }
    try {
      int max = Integer.parseInt(text.strip());
      if (max < 0) {
        throw new NumberFormatException();
      }
      return Math.min(max, keep);
    } catch (NumberFormatException e) {
      throw PubSubErrors.plain(Condition.bad_request, "max_items must be a whole number, not '" + text + "'");
    }
  }

  /** The oldest publication time not expired in the node (epoch ms), 0 when items do not expire. */
  static long notBefore(Node node) {
    long expire = node.config().itemExpireSeconds();
    return expire == 0 ? 0 : System.currentTimeMillis() - expire * 1000;
  }

  /**
   * {@code <item id='…'>payload</item>} in {@code namespace} (of an answer or of an event), the payload left out
   * when {@code withPayload} is false, naming its publisher where the node's {@code pubsub#itemreply} says so
   * (§7.1.2.3: in every form of retrieval).
   */
  static Element itemElement(StoredItem item, boolean withPayload, NodeConfig config, String namespace) {
    Element element = DocumentHelper.createElement(QName.get("item", namespace));
    element.addAttribute("id", item.id());
    if (config.replyToPublisher()) {
      element.addAttribute("publisher", new JID(item.publisher()).toBareJID());
    }
    if (withPayload && item.payload() != null) {
      try {
        element.add(DocumentHelper.parseText(item.payload()).getRootElement().detach());
      } catch (DocumentException e) {
        throw new IllegalStateException("a stored payload does not parse: item " + item.id(), e);
      }
    }
    return element;
  }

  /** The subscriptions of the requester's bare JID, and of its full JIDs, to one node or all (§5.6). */
  Element subscriptions(JID requester, Element request) throws StanzaErrorException {
    Element answer = Replies.pubsub();
    Element list = answer.addElement("subscriptions");
    String bare = requester.toBareJID();
    forEachHeld(list, request.attributeValue("node"), bare, node -> {
      for (Subscription subscription : node.subscriptionsOfBare(bare)) {
        Replies.subscription(list, node.id(), subscription);
      }
    });
    return answer;
  }

  /** The affiliations of the requester's bare JID, to one node or all (§5.7). */
  Element affiliations(JID requester, Element request) throws StanzaErrorException {
    Element answer = Replies.pubsub();
    Element list = answer.addElement("affiliations");
    String bare = requester.toBareJID();
    forEachHeld(list, request.attributeValue("node"), bare, node -> {
      Affiliation affiliation = node.affiliation(requester);
      if (affiliation != Affiliation.NONE) {
        list.addElement("affiliation").addAttribute("node", node.id()).addAttribute("affiliation", affiliation.xmpp());
      }
    });
    return answer;
  }

  /**
   * Runs {@code reader} holding the monitor of each node a request about the requester's own entries covers: the
   * one it names (then named on {@code list}), or those where {@code bareJid} holds something, by id. A node
   * found to hold nothing of the JID's any more leaves its holdings.
   */
  private void forEachHeld(Element list, String nodeId, String bareJid, Consumer<Node> reader)
      throws StanzaErrorException {
    if (nodeId != null) {
      Node node = service.require(nodeId);
      list.addAttribute("node", nodeId);
      synchronized (node) {
        reader.accept(node);
      }
      return;
    }
    for (Node node : service.nodesHeldBy(bareJid)) {
      synchronized (node) {
        reader.accept(node);
        if (!node.holdsAnything(bareJid)) {
          service.holdsNothing(bareJid, node);
        }
      }
    }
  }

  /** The {@code jabber:x:data} form inside {@code parent}, if any. */
  static DataForm form(Element parent) {
    if (parent == null) {
      return null;
    }
    Element x = parent.element(QName.get("x", "jabber:x:data"));
    return x == null ? null : new DataForm(x);
  }
}
