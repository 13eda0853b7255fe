package dev.kindling.pubsub.model;

import org.xmpp.packet.JID;

/**
 * One subscription to a node: who (a bare or full JID, as subscribed), its id, its state and options. A JID may
 * hold several to one node, told apart by their subid (XEP-0060 §6.1.6).
 *
 * @param jid the subscribed address, notifications go to
 * @param subid the subscription id
 * @param state the state
 * @param options the options
 */
public record Subscription(JID jid, String subid, SubscriptionState state, SubscriptionOptions options) {
  /** This subscription in another state. */
  public Subscription withState(SubscriptionState newState) {
    return new Subscription(jid, subid, newState, options);
  }

  /** This subscription with other options. */
  public Subscription withOptions(SubscriptionOptions newOptions) {
    return new Subscription(jid, subid, state, newOptions);
  }

  /** Whether notifications go to it now. */
  public boolean receivesNotifications() {
    return state == SubscriptionState.SUBSCRIBED && options.deliver();
  }
}
