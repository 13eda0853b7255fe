package dev.kindling.pubsub.service;

import dev.kindling.handler.Outbound;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.Recipients;
import dev.kindling.pubsub.model.Subscription;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Sends event notifications (XEP-0060 §7.1.2, §7.2.2, §8.2.5, §8.4.2, §8.5.2): one stanza serialised once for
 * all subscribers holding a single subscription ({@link Outbound#sendAll}), a copy with SHIM {@code SubID}
 * headers for those holding several, and, for an item of a leaf, a copy with a {@code Collection} header to the
 * subscribers of its collections (§9.2) that asked for items from that depth.
 */
@Singleton
final class Notifier {
  private final Outbound outbound;
  private final PubSubService service;
  private final AtomicLong ids = new AtomicLong();

  @Inject
  Notifier(Outbound outbound, PubSubService service) {
    this.outbound = outbound;
    this.service = service;
  }

  /** A new {@code <event/>} element. */
  static Element event() {
    return DocumentHelper.createElement(QName.get("event", Namespaces.EVENT));
  }

  /**
   * Sends {@code event} to {@code recipients}, the node's subscribers when the change was made, and, for item
   * events, to the subscribers of its collections. Call it without holding the node's monitor; it does not
   * block.
   */
  CompletableFuture<Void> notify(Node node, Element event, Recipients recipients, boolean toCollections) {
    Message template = message(node, event);
    List<CompletableFuture<Void>> sent = new ArrayList<>(2);
    if (!recipients.single().isEmpty()) {
      sent.add(outbound.sendAll(template, recipients.single()));
    }
    recipients.several().forEach((jid, subids) -> {
      Message copy = template.createCopy();
      copy.setTo(jid);
      Element headers = copy.addChildElement("headers", Namespaces.SHIM);
      subids.forEach(subid -> headers.addElement("header").addAttribute("name", "SubID").setText(subid));
      outbound.send(copy);
    });
    if (toCollections) {
      notifyCollections(node, template, recipients);
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  private void notifyCollections(Node leaf, Message template, Recipients direct) {
    Map<JID, String> viaCollection = new LinkedHashMap<>();
    Node ancestor = service.find(leaf.config().parent().orElse(null));
    int depth = 1;
    while (ancestor != null && depth < 64) {
      for (Subscription subscription : ancestor.recipients().collectionItems()) {
        JID jid = subscription.jid();
        boolean reaches = depth == 1 || subscription.options().allDepths();
        if (reaches && !direct.single().contains(jid) && !direct.several().containsKey(jid)) {
          viaCollection.putIfAbsent(jid, ancestor.id());
        }
      }
      ancestor = service.find(ancestor.config().parent().orElse(null));
      depth++;
    }
    viaCollection.forEach((jid, collection) -> {
      Message copy = template.createCopy();
      copy.setTo(jid);
      copy.addChildElement("headers", Namespaces.SHIM).addElement("header").addAttribute("name", "Collection")
          .setText(collection);
      outbound.send(copy);
    });
  }

  /** Sends {@code event} to one entity (a subscriber told of its subscription's new state, an owner). */
  void notifyOne(Node node, Element event, JID to) {
    Message message = message(node, event);
    message.setTo(to);
    outbound.send(message);
  }

  /**
   * Tells the subscribers of the collection {@code parent} that asked for child nodes (§9.3) that {@code child}
   * was added to it or removed from it.
   */
  void notifyChildChange(Node parent, String child, boolean associated) {
    Element event = event();
    event.addElement("collection").addAttribute("node", parent.id())
        .addElement(associated ? "associate" : "disassociate").addAttribute("node", child);
    List<JID> recipients = new ArrayList<>();
    for (Subscription subscription : parent.subscriptions()) {
      if (subscription.receivesNotifications() && subscription.options().nodes()) {
        recipients.add(subscription.jid());
      }
    }
    if (!recipients.isEmpty()) {
      outbound.sendAll(message(parent, event), recipients);
    }
  }

  private Message message(Node node, Element event) {
    Message message = new Message();
    message.setFrom(outbound.jid());
    message.setType(node.config().headline() ? Message.Type.headline : Message.Type.normal);
    message.setID("kps-" + Long.toString(ids.incrementAndGet(), 36));
    message.getElement().add(event);
    return message;
  }
}
