package dev.kindling.pubsub.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xmpp.packet.JID;

/**
 * Whom a node's notification goes to: JIDs holding one delivering subscription (they all get the same stanza,
 * sent in one bulk send), and JIDs holding several, whose copy names their subids in SHIM headers (XEP-0060
 * §6.1.6). Subscriptions of a collection to child nodes ({@code
 * subscription_type=nodes}) are not item recipients.
 *
 * @param single JIDs with one delivering subscription
 * @param several JIDs with several, and their subids
 * @param collectionItems subscriptions to this node as a collection wanting its leaves' items
 */
public record Recipients(List<JID> single, Map<JID, List<String>> several, List<Subscription> collectionItems) {
  /** Copies the lists. */
  public Recipients {
    single = List.copyOf(single);
    several = Map.copyOf(several);
    collectionItems = List.copyOf(collectionItems);
  }

  static Recipients of(Map<JID, List<Subscription>> subscriptions) {
    List<JID> single = new ArrayList<>();
    Map<JID, List<String>> several = new LinkedHashMap<>();
    List<Subscription> collectionItems = new ArrayList<>();
    subscriptions.forEach((jid, ofJid) -> {
      List<String> subids = new ArrayList<>(1);
      for (Subscription subscription : ofJid) {
        if (subscription.receivesNotifications() && !subscription.options().nodes()) {
          subids.add(subscription.subid());
          collectionItems.add(subscription);
        }
      }
      if (subids.size() == 1) {
        single.add(jid);
      } else if (subids.size() > 1) {
        several.put(jid, subids);
      }
    });
    return new Recipients(single, several, collectionItems);
  }

  /** How many JIDs receive a notification. */
  public int size() {
    return single.size() + several.size();
  }

  /** Whether nobody receives a notification. */
  public boolean isEmpty() {
    return single.isEmpty() && several.isEmpty();
  }
}
