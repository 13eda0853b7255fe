package dev.kindling.pubsub.service;

import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.Subscription;
import dev.kindling.pubsub.store.StoredItem;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last published item sent to a new subscriber (XEP-0060 §6.1.7, {@code pubsub#send_last_published_item}),
 * whether the subscription was made at once or approved by an owner later.
 */
@Singleton
final class LastItems {
  private static final Logger LOG = LoggerFactory.getLogger(LastItems.class);

  private final PubSubService service;
  private final Notifier notifier;
  private final Executor readers;

  @Inject
  LastItems(PubSubService service, Notifier notifier) {
    this.service = service;
    this.notifier = notifier;
    this.readers = service.readers();
  }

  /**
   * Sends the node's last item to {@code subscription}'s JID where the node says so, reading it on a reader
   * thread; the future completes once it is queued, so that an answer sent after it follows it.
   */
  CompletableFuture<Void> send(Node node, Subscription subscription) {
    if (!node.config().sendLastOnSubscribe() || node.config().isCollection() || !subscription.receivesNotifications()) {
      return CompletableFuture.completedFuture(null);
    }
    return CompletableFuture.runAsync(() -> {
      try {
        List<StoredItem> last = service.store().items(node.id(), 1, Retrieval.notBefore(node));
        if (!last.isEmpty()) {
          Element event = Notifier.event();
          Element items = event.addElement("items").addAttribute("node", node.id());
          items.add(Retrieval.itemElement(last.get(0), node.config().deliverPayloads(), node.config(),
              Namespaces.EVENT));
          notifier.notifyOne(node, event, subscription.jid());
        }
      } catch (SQLException | RuntimeException e) {
        LOG.warn("PubSub: cannot send the last item of {} to {}: {}", node, subscription.jid(), e.toString());
      }
    }, readers);
  }
}
