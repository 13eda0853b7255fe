package dev.kindling.pubsub.service;

import dev.kindling.handler.Outbound;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.Recipients;
import dev.kindling.pubsub.model.Subscription;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Sends event notifications (XEP-0060 §7.1.2, §7.2.2, §8.2.5, §8.4.2, §8.5.2): one stanza serialised once for
 * all subscribers holding a single subscription ({@link Outbound#sendAll}), a copy with SHIM {@code SubID}
 * headers for those holding several, and, for an item of a leaf, a copy with a {@code Collection} header to the
 * subscribers of its collections (§9.2) that asked for items from that depth.
 */
@Singleton
final class Notifier implements AutoCloseable {
  private final Outbound outbound;
  private final PubSubService service;
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
  /**
   * Notifications that may still wait (to be queued, or for room in the send queue) before publishes are refused:
   * counted in stanzas, so that many publishes to small nodes pass while a publisher to big ones is slowed; one
   * publish to more subscribers than this still goes when nothing else waits.
   */
  private static final int MAX_BACKLOG = 65_536;
  /**
   * Publishes whose notifications may still wait, whatever their size: each holds its event (with a payload of up
   * to {@code pubsub.max-payload-bytes}) until it is sent, so that this bounds the memory they take.
   */
  private static final int MAX_WAITING_PUBLISHES = 1_024;

  private final AtomicLong ids = new AtomicLong();
  /** Notification ids differ across instances and restarts: this process's random prefix, then a counter. */
  private final String idPrefix = "ps-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36) + "-";
  private final AtomicInteger backlog = new AtomicInteger();
  private final AtomicInteger waitingPublishes = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();
  private final ExecutorService later = Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "kindling-pubsub-notify");
    thread.setDaemon(true);
    return thread;
  });

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
  void notify(Node node, Element event, Recipients recipients, boolean itemEvent) {
    Message template = message(node, event);
    if (!recipients.single().isEmpty()) {
      int stanzas = recipients.single().size();
      backlog.addAndGet(stanzas);
      outbound.sendAll(template, recipients.single()).whenComplete((done, failure) -> backlog.addAndGet(-stanzas));
    }
    recipients.several().forEach((jid, subids) -> {
      Message copy = template.createCopy();
      copy.setTo(jid);
      if (itemEvent) {
        // §6.1.6: SHIM headers name the subscriptions an item notification is for; other events go to the JID
        Element headers = copy.addChildElement("headers", Namespaces.SHIM);
        subids.forEach(subid -> headers.addElement("header").addAttribute("name", "SubID").setText(subid));
      }
      send(copy);
    });
    if (itemEvent) {
      notifyCollections(node, template, recipients);
    }
  }

  /**
   * {@link #notify} an item event on the notification thread, which takes them in the order given: the publish
   * that committed it is answered first, so that its answer does not wait behind its own notifications in the
   * send queue. Nothing is queued for a node that nobody would hear from (no subscriber, no collection above it).
   */
  void notifyLater(Node node, Element event, Recipients recipients) {
    if (recipients.isEmpty() && node.config().parent().isEmpty()) {
      return;
    }
    int stanzas = Math.max(1, recipients.size());
    backlog.addAndGet(stanzas);
    waitingPublishes.incrementAndGet();
    later.execute(() -> {
      try {
        notify(node, event, recipients, true);
      } finally {
        backlog.addAndGet(-stanzas);
        waitingPublishes.decrementAndGet();
      }
    });
  }

  /**
   * Whether more than {@value #MAX_BACKLOG} notifications, or the notifications of more than {@value
   * #MAX_WAITING_PUBLISHES} publishes, still wait (to be queued, or for room in the send queue): publishes are
   * refused meanwhile, so that a fast publisher cannot make them pile up.
   */
  boolean isBackedUp() {
    return backlog.get() > MAX_BACKLOG || waitingPublishes.get() > MAX_WAITING_PUBLISHES;
  }

  private void send(Message message) {
    if (!outbound.send(message)) {
      long count = dropped.incrementAndGet();
      if (count == 1 || count % 1000 == 0) {
        LOG.warn("PubSub: {} notifications dropped so far: the send queue is full", count);
      }
    }
  }

  private void notifyCollections(Node leaf, Message template, Recipients direct) {
    Map<JID, String> viaCollection = new LinkedHashMap<>();
    Set<JID> reached = null;
    Node ancestor = service.find(leaf.config().parent().orElse(null));
    int depth = 1;
    while (ancestor != null && depth < 64) {
      for (Subscription subscription : ancestor.recipients().collectionItems()) {
        JID jid = subscription.jid();
        boolean reaches = depth == 1 || subscription.options().allDepths();
        if (!reaches || viaCollection.containsKey(jid) || direct.several().containsKey(jid)) {
          continue;
        }
        if (reached == null) {
          reached = new HashSet<>(direct.single());
        }
        if (!reached.contains(jid) && mayRead(leaf, jid)) {
          viaCollection.put(jid, ancestor.id());
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
      send(copy);
    });
  }

  /** Whether {@code jid}, subscribed to a collection above {@code leaf}, may read the leaf's items. */
  private static boolean mayRead(Node leaf, JID jid) {
    synchronized (leaf) {
      try {
        Access.requireReader(leaf, jid);
        return true;
      } catch (dev.kindling.handler.StanzaErrorException refused) {
        return false;
      }
    }
  }

  /** Sends {@code event} to one entity (a subscriber told of its subscription's new state, an owner). */
  void notifyOne(Node node, Element event, JID to) {
    Message message = message(node, event);
    message.setTo(to);
    send(message);
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
    synchronized (parent) {
      for (Subscription subscription : parent.subscriptions()) {
        if (subscription.receivesNotifications() && subscription.options().nodes()) {
          recipients.add(subscription.jid());
        }
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
    message.setID(idPrefix + Long.toString(ids.incrementAndGet(), 36));
    message.getElement().add(event);
    return message;
  }

  /** Sends what waits on the notification thread, then stops it (Kindling closes it after the last request). */
  @Override
  public void close() throws InterruptedException {
    later.shutdown();
    later.awaitTermination(30, TimeUnit.SECONDS);
  }
}
