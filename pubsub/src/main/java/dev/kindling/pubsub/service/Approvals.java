package dev.kindling.pubsub.service;

import dev.kindling.form.Field;
import dev.kindling.form.Form;
import dev.kindling.form.FormValidationException;
import dev.kindling.form.FormValues;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.pubsub.model.Subscription;
import dev.kindling.pubsub.model.SubscriptionState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError.Condition;

/**
 * The approval of subscriptions to an {@code authorize} node (XEP-0060 §8.6): each owner gets a message with the
 * {@code pubsub#subscribe_authorization} form; the first to submit it decides, and the subscriber is told the
 * outcome in a subscription event. A cancelled form leaves the subscription pending.
 */
@Singleton
public final class Approvals {
  static final String FORM_TYPE = "http://jabber.org/protocol/pubsub#subscribe_authorization";
  private static final String SUBID = "pubsub#subid";
  private static final String NODE = "pubsub#node";
  private static final String SUBSCRIBER = "pubsub#subscriber_jid";
  private static final String ALLOW = "pubsub#allow";
  private static final Form FORM = Form.ofType(FORM_TYPE)
      .withTitle("PubSub subscriber request")
      .instructions("To approve this entity's subscription request, set 'allow' and submit; to deny it, submit"
          + " without.")
      .field(Field.hidden(SUBID, ""))
      .field(Field.text(NODE).label("Node ID").required())
      .field(Field.jid(SUBSCRIBER).label("Subscriber Address").required())
      .field(Field.bool(ALLOW).label("Allow this JID to subscribe to this pubsub node?").required());

  private final Outbound outbound;
  private final PubSubService service;
  private final Notifier notifier;
  private final LastItems lastItems;

  @Inject
  Approvals(Outbound outbound, PubSubService service, Notifier notifier, LastItems lastItems) {
    this.outbound = outbound;
    this.service = service;
    this.notifier = notifier;
    this.lastItems = lastItems;
  }

  /** Asks every owner of the node ({@code owners}, taken under its monitor) to approve a pending subscription. */
  void ask(Node node, Subscription pending, List<String> owners) {
    DataForm form = FORM.toDataForm(Map.of(SUBID, pending.subid(), NODE, node.id(), SUBSCRIBER, pending.jid(),
        ALLOW, false));
    for (String owner : owners) {
      Message message = new Message();
      message.setID("approve-" + pending.subid());
      message.setFrom(outbound.jid());
      message.setTo(owner);
      message.getElement().add(form.getElement().createCopy());
      outbound.send(message);
    }
  }

  /** An owner's answer to {@link #ask}; on the blocking pool, since finding the node may read the database. */
  @Blocking
  @MessageHandler(namespace = "jabber:x:data")
  CompletableFuture<Void> answer(Message message) throws StanzaErrorException {
    Element x = message.getElement().element(QName.get("x", "jabber:x:data"));
    DataForm submitted = new DataForm(x);
    if (submitted.getType() == DataForm.Type.cancel) {
      return CompletableFuture.completedFuture(null);
    }
    FormValues values;
    try {
      values = FORM.read(submitted);
    } catch (FormValidationException e) {
      throw PubSubErrors.plain(Condition.bad_request, String.join("; ", e.problems()));
    }
    Node node = service.require(values.text(NODE).orElseThrow());
    JID subscriber = values.jid(SUBSCRIBER).orElseThrow();
    String subid = values.text(SUBID).orElse("");
    Subscription decided;
    CompletableFuture<Void> saved;
    synchronized (node) {
      Access.requireLive(node);
      Access.requireOwner(node, message.getFrom(), "approve subscriptions");
      Subscription pending = node.subscriptionsOf(subscriber).stream()
          .filter(subscription -> subid.isEmpty() || subscription.subid().equals(subid))
          .filter(subscription -> subscription.state() == SubscriptionState.PENDING).findFirst()
          .orElseThrow(() -> PubSubErrors.plain(Condition.item_not_found, "no pending subscription of "
              + subscriber + " to " + node.id()));
      if (values.bool(ALLOW)) {
        decided = pending.withState(SubscriptionState.SUBSCRIBED);
        node.putSubscription(decided);
      } else {
        decided = pending.withState(SubscriptionState.NONE);
        node.removeSubscription(subscriber, pending.subid());
        service.countSubscription(subscriber.toBareJID(), node, -1);
      }
      List<Subscription> kept = decided.state() == SubscriptionState.NONE ? List.of() : List.of(decided);
      List<String> removed = decided.state() == SubscriptionState.NONE ? List.of(decided.subid()) : List.of();
      saved = service.guard(node, service.store().saveSubscriptions(node.id(), kept, removed));
    }
    return saved.thenCompose(done -> {
      notifier.notifyOne(node, Events.subscription(node, decided), subscriber);
      return lastItems.send(node, decided);
    });
  }
}
