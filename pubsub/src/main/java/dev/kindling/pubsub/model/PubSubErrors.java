package dev.kindling.pubsub.model;

import dev.kindling.handler.StanzaErrorException;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.PacketError.Condition;

/**
 * The errors XEP-0060 names for its use cases: a stanza error condition with, where the spec gives one, its
 * application condition in {@code http://jabber.org/protocol/pubsub#errors} ({@code <not-subscribed/>},
 * {@code <unsupported feature='…'/>}, {@code <precondition-not-met/>} …). One place, so every handler answers
 * the same case the same way.
 */
public final class PubSubErrors {
  /** The namespace of XEP-0060's application conditions. */
  public static final String NAMESPACE = "http://jabber.org/protocol/pubsub#errors";

  private PubSubErrors() {}

  /** {@code condition} with the application condition {@code <name xmlns='…#errors'/>}. */
  public static StanzaErrorException of(Condition condition, String name, String text) {
    return StanzaErrorException.withApplicationCondition(condition, text, condition(name));
  }

  /** The application condition {@code <name xmlns='…#errors'/>}, for an error of one's own making. */
  public static Element condition(String name) {
    return DocumentHelper.createElement(DocumentHelper.createQName(name, DocumentHelper.createNamespace("", NAMESPACE)));
  }

  /** {@code condition} alone, for the cases XEP-0060 gives no application condition. */
  public static StanzaErrorException plain(Condition condition, String text) {
    return new StanzaErrorException(condition, text);
  }

  /** {@code feature-not-implemented} with {@code <unsupported feature='name'/>} (XEP-0060 §7.1.3.2 and others). */
  public static StanzaErrorException unsupported(String feature, String text) {
    Element unsupported = condition("unsupported").addAttribute("feature", feature);
    return StanzaErrorException.withApplicationCondition(Condition.feature_not_implemented, text, unsupported);
  }

  /** The node asked for does not exist. */
  public static StanzaErrorException noSuchNode(String node) {
    return plain(Condition.item_not_found, "no node '" + node + "'");
  }

  /** The request names no node where one is needed. */
  public static StanzaErrorException nodeIdRequired() {
    return of(Condition.bad_request, "nodeid-required", "the request names no node");
  }

  /** Only an owner of the node may do this. */
  public static StanzaErrorException ownerOnly(String what) {
    return plain(Condition.forbidden, "only an owner of the node may " + what);
  }
}
