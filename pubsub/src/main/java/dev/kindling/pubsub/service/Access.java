package dev.kindling.pubsub.service;

import dev.kindling.handler.StanzaErrorException;
import dev.kindling.pubsub.model.AccessModel;
import dev.kindling.pubsub.model.Affiliation;
import dev.kindling.pubsub.model.Node;
import dev.kindling.pubsub.model.PubSubErrors;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError.Condition;

/**
 * Who may do what to a node (XEP-0060 §4.1's table of affiliations, §4.5's access models, the publish model),
 * each refusal with the error the spec gives for it. Called holding the node's monitor.
 */
final class Access {
  private Access() {}

  /** The node was not deleted by a request that held its monitor before this one. */
  static void requireLive(Node node) throws StanzaErrorException {
    if (node.isDeleted()) {
      throw PubSubErrors.noSuchNode(node.id());
    }
  }

  /** Only owners configure, delete, purge and manage. */
  static void requireOwner(Node node, JID requester, String what) throws StanzaErrorException {
    if (node.affiliation(requester) != Affiliation.OWNER) {
      throw PubSubErrors.ownerOnly(what);
    }
  }

  /** May {@code requester} retrieve the node's items (§6.5.9)? */
  static void requireReader(Node node, JID requester) throws StanzaErrorException {
    Affiliation affiliation = node.affiliation(requester);
    if (affiliation == Affiliation.OUTCAST) {
      throw PubSubErrors.plain(Condition.forbidden, "you are banned from this node");
    }
    if (affiliation.readsWithoutSubscription()) {
      return;
    }
    AccessModel model = node.config().accessModel();
    if (model == AccessModel.WHITELIST && affiliation != Affiliation.MEMBER) {
      throw PubSubErrors.of(Condition.not_allowed, "closed-node", "this node is open to its whitelist only");
    }
    if (model == AccessModel.AUTHORIZE && !node.isSubscribed(requester)) {
      throw PubSubErrors.of(Condition.not_authorized, "not-subscribed",
          "this node's items are for approved subscribers");
    }
    if (affiliation == Affiliation.PUBLISH_ONLY) {
      throw PubSubErrors.plain(Condition.forbidden, "a publish-only entity may not retrieve items");
    }
  }

  /**
   * May {@code requester} subscribe (§6.1.3)? Returns whether the subscription needs an owner's approval
   * (the authorize model, for one not already a member).
   */
  static boolean checkSubscriber(Node node, JID requester) throws StanzaErrorException {
    Affiliation affiliation = node.affiliation(requester);
    if (affiliation == Affiliation.OUTCAST) {
      throw PubSubErrors.plain(Condition.forbidden, "you are banned from this node");
    }
    if (affiliation == Affiliation.PUBLISH_ONLY) {
      throw PubSubErrors.plain(Condition.forbidden, "a publish-only entity may not subscribe");
    }
    boolean trusted = affiliation == Affiliation.OWNER || affiliation == Affiliation.PUBLISHER
        || affiliation == Affiliation.MEMBER;
    AccessModel model = node.config().accessModel();
    if (model == AccessModel.WHITELIST && !trusted) {
      throw PubSubErrors.of(Condition.not_allowed, "closed-node", "this node is open to its whitelist only");
    }
    return model == AccessModel.AUTHORIZE && !trusted;
  }

  /** May {@code requester} publish (§7.1.3.1)? */
  static void requirePublisher(Node node, JID requester) throws StanzaErrorException {
    Affiliation affiliation = node.affiliation(requester);
    if (affiliation == Affiliation.OUTCAST) {
      throw PubSubErrors.plain(Condition.forbidden, "you are banned from this node");
    }
    boolean allowed = switch (node.config().publishModel()) {
      case PUBLISHERS -> affiliation.canPublish();
      case SUBSCRIBERS -> affiliation.canPublish() || node.isSubscribed(requester);
      case OPEN -> true;
    };
    if (!allowed) {
      throw PubSubErrors.plain(Condition.forbidden, "you may not publish to this node");
    }
  }
}
