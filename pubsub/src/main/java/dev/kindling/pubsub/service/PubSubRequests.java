package dev.kindling.pubsub.service;

import dev.kindling.handler.Blocking;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.pubsub.model.PubSubErrors;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.PacketError.Condition;

/**
 * The PubSub service's IQ handlers: every {@code <pubsub/>} request of XEP-0060, in its {@code pubsub} and
 * {@code pubsub#owner} namespaces, each taken to the class that does it. They run on the blocking pool (some
 * read the database); a change is answered when its future completes, after the commit.
 */
@Identity(category = "pubsub", type = "service", name = "Kindling PubSub")
public final class PubSubRequests {
  private final RequestRate rate;
  private final Publishing publishing;
  private final Subscribing subscribing;
  private final Retrieval retrieval;
  private final NodeCreation creation;
  private final Owning owning;

  @Inject
  PubSubRequests(RequestRate rate, Publishing publishing, Subscribing subscribing, Retrieval retrieval,
      NodeCreation creation, Owning owning) {
    this.rate = rate;
    this.publishing = publishing;
    this.subscribing = subscribing;
    this.retrieval = retrieval;
    this.creation = creation;
    this.owning = owning;
  }

  /** Publish, retract, subscribe, unsubscribe, subscription options, create (§6, §7, §8.1). */
  @Blocking
  @IqHandler(element = "pubsub", namespace = Namespaces.PUBSUB, type = IQ.Type.set)
  CompletableFuture<Element> set(IQ iq, Element pubsub) throws StanzaErrorException, SQLException {
    JID requester = iq.getFrom();
    rate.take(requester);
    Element action = action(pubsub, List.of("publish", "retract", "subscribe", "unsubscribe", "options", "create"));
    return busyWhenFull(switch (action.getName()) {
      case "publish" -> publishing.publish(requester, action, Retrieval.form(pubsub.element("publish-options")));
      case "retract" -> publishing.retract(requester, action);
      case "subscribe" -> subscribing.subscribe(requester, action, Retrieval.form(pubsub.element("options")));
      case "unsubscribe" -> subscribing.unsubscribe(requester, action);
      case "options" -> subscribing.configure(requester, action);
      default -> create(requester, action, pubsub);
    });
  }

  private CompletableFuture<Element> create(JID requester, Element create, Element pubsub)
      throws StanzaErrorException {
    String asked = create.attributeValue("node");
    NodeCreation.Created created = creation.create(requester, asked, Retrieval.form(pubsub.element("configure")));
    return created.saved().thenApply(saved -> {
      if (asked != null && !asked.isEmpty()) {
        return null;
      }
      Element answer = Replies.pubsub();
      answer.addElement("create").addAttribute("node", created.node().id());
      return answer;
    });
  }

  /** Items, own subscriptions and affiliations, subscription options and their defaults (§5.6, §5.7, §6). */
  @Blocking
  @IqHandler(element = "pubsub", namespace = Namespaces.PUBSUB, type = IQ.Type.get)
  Element get(IQ iq, Element pubsub) throws StanzaErrorException, SQLException {
    JID requester = iq.getFrom();
    rate.take(requester);
    Element action = action(pubsub, List.of("items", "subscriptions", "affiliations", "options", "default"));
    return switch (action.getName()) {
      case "items" -> retrieval.items(requester, action, pubsub);
      case "subscriptions" -> retrieval.subscriptions(requester, action);
      case "affiliations" -> retrieval.affiliations(requester, action);
      case "options" -> subscribing.options(requester, action);
      default -> Subscribing.defaultOptions(action);
    };
  }

  /** Configure, delete, purge, manage subscriptions and affiliations (§8). */
  @Blocking
  @IqHandler(element = "pubsub", namespace = Namespaces.OWNER, type = IQ.Type.set)
  CompletableFuture<Element> ownerSet(IQ iq, Element pubsub) throws StanzaErrorException {
    JID requester = iq.getFrom();
    rate.take(requester);
    Element action = action(pubsub, List.of("configure", "delete", "purge", "subscriptions", "affiliations"));
    return busyWhenFull(switch (action.getName()) {
      case "configure" -> owning.configure(requester, action);
      case "delete" -> owning.delete(requester, action);
      case "purge" -> owning.purge(requester, action);
      case "subscriptions" -> owning.modifySubscriptions(requester, action);
      default -> owning.modifyAffiliations(requester, action);
    });
  }

  /**
   * A change the store refused because its write queue is full answers {@code resource-constraint} (type {@code
   * wait}): the client may try again shortly; nothing was changed.
   */
  private static CompletableFuture<Element> busyWhenFull(CompletableFuture<Element> answer) {
    return answer.exceptionallyCompose(failure -> {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof RejectedExecutionException) {
        return CompletableFuture.failedFuture(new StanzaErrorException(Condition.resource_constraint,
            PacketError.Type.wait, "the service is busy: try again shortly", null));
      }
      return CompletableFuture.failedFuture(cause);
    });
  }

  /** The configuration form, the default configuration, subscriptions and affiliations of a node (§8). */
  @Blocking
  @IqHandler(element = "pubsub", namespace = Namespaces.OWNER, type = IQ.Type.get)
  Element ownerGet(IQ iq, Element pubsub) throws StanzaErrorException {
    JID requester = iq.getFrom();
    rate.take(requester);
    Element action = action(pubsub, List.of("configure", "default", "subscriptions", "affiliations"));
    return switch (action.getName()) {
      case "configure" -> owning.configurationForm(requester, action);
      case "default" -> owning.defaultConfiguration();
      case "subscriptions" -> owning.subscriptions(requester, action);
      default -> owning.affiliations(requester, action);
    };
  }

  /** The first child of {@code pubsub} in its namespace that names one of {@code known} actions. */
  private static Element action(Element pubsub, List<String> known) throws StanzaErrorException {
    String namespace = pubsub.getNamespaceURI();
    for (Element child : pubsub.elements()) {
      if (namespace.equals(child.getNamespaceURI()) && known.contains(child.getName())) {
        return child;
      }
    }
    Element first = pubsub.elements().isEmpty() ? null : pubsub.elements().get(0);
    if (first == null) {
      throw PubSubErrors.plain(Condition.bad_request, "an empty <pubsub/> asks for nothing");
    }
    throw PubSubErrors.plain(Condition.feature_not_implemented, "<" + first.getName() + "/> in " + namespace
        + " is not a request this service knows");
  }
}
