package dev.kindling.handler;

import java.util.Objects;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.PacketError;

/**
 * Thrown by a handler to answer the stanza with an RFC 6120 §8.3 stanza error; the stream stays up.
 *
 * <pre>{@code
 * throw new StanzaErrorException(PacketError.Condition.item_not_found, "no node 'weather'");
 *
 * // XEP-0060 §7.1.3.2: a defined condition, a text and an application-specific condition with an attribute
 * Element unsupported = DocumentHelper.createElement(QName.get("unsupported", "http://jabber.org/protocol/pubsub#errors"))
 *     .addAttribute("feature", "publish");
 * throw StanzaErrorException.withApplicationCondition(PacketError.Condition.feature_not_implemented,
 *     "this service does not publish", unsupported);
 * }</pre>
 *
 * <p>The text is sent to the requester: say what is wrong with the request, never how the component failed. The
 * error type is the condition's default (RFC 6120 §8.3.3) unless one is chosen with {@link #withType} or the
 * four-argument constructor. The application-specific condition (RFC 6120 §8.3.2) is kept whole: its
 * attributes, children and text go on the wire as given. Immutable.
 */
public class StanzaErrorException extends RuntimeException {
  private static final String STANZAS_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";

  private static final String POLICY_VIOLATION = "policy-violation";

  private final PacketError.Condition condition;
  /** The condition's name on the wire, for one Tinder has no constant for; else {@code null}. */
  private final String conditionName;
  private final PacketError.Type type;
  private final transient Element applicationCondition;

  /** An error with a condition, its default type and a text for the requester ({@code null} for none). */
  public StanzaErrorException(PacketError.Condition condition, String text) {
    this(condition, text, null);
  }

  /**
   * An error with an application-specific condition as well, such as XEP-0050's {@code <bad-sessionid/>}.
   *
   * @param applicationCondition an element in the application's namespace, or {@code null}; it is copied
   * @throws IllegalArgumentException if {@code applicationCondition} is in the RFC 6120 stanza-error namespace
   */
  public StanzaErrorException(PacketError.Condition condition, String text, Element applicationCondition) {
    this(condition, Objects.requireNonNull(condition, "condition").getDefaultType(), text, applicationCondition);
  }

  /**
   * An error of a chosen type (RFC 6120 §8.3.2: {@code auth}, {@code cancel}, {@code continue}, {@code modify},
   * {@code wait}) rather than the condition's default.
   *
   * @param applicationCondition an element in the application's namespace, or {@code null}; it is copied
   * @throws IllegalArgumentException if {@code applicationCondition} is in the RFC 6120 stanza-error namespace
   */
  public StanzaErrorException(PacketError.Condition condition, PacketError.Type type, String text,
      Element applicationCondition) {
    this(condition, null, type, text, applicationCondition);
  }

  private StanzaErrorException(PacketError.Condition condition, String conditionName, PacketError.Type type,
      String text, Element applicationCondition) {
    super(text, null, false, false);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.conditionName = conditionName;
    this.type = Objects.requireNonNull(type, "type");
    if (applicationCondition != null && STANZAS_NAMESPACE.equals(applicationCondition.getNamespaceURI())) {
      throw new IllegalArgumentException("application condition <" + applicationCondition.getName()
          + "/> is in " + STANZAS_NAMESPACE + "; an application condition needs the application's namespace"
          + " (RFC 6120 §8.3.2)");
    }
    this.applicationCondition = applicationCondition == null ? null : applicationCondition.createCopy();
  }

  /**
   * An error with a defined condition, a text and an application-specific condition, of the condition's
   * default type: the shape XEP-0060 uses, such as {@code <feature-not-implemented/>} with
   * {@code <unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='publish'/>}.
   *
   * @param applicationCondition an element in the application's namespace, with any attributes and children;
   *     it is copied
   */
  public static StanzaErrorException withApplicationCondition(PacketError.Condition condition, String text,
      Element applicationCondition) {
    return new StanzaErrorException(condition, text, Objects.requireNonNull(applicationCondition,
        "applicationCondition"));
  }

  /**
   * RFC 6120's {@code <policy-violation/>} (§8.3.3.12): the request breaks a local policy, such as a limit on
   * requests per second or on subscriptions per user (XEP-0060 §6.1.3.9). Tinder 2.1 has no constant for it:
   * {@link #condition()} reports {@code undefined_condition}, {@link #conditionName()} the name sent.
   *
   * @param type {@code wait} for a limit the requester may meet later, {@code modify} or {@code cancel} otherwise
   * @param applicationCondition an element in the application's namespace, or {@code null}; it is copied
   */
  public static StanzaErrorException policyViolation(PacketError.Type type, String text,
      Element applicationCondition) {
    return new StanzaErrorException(PacketError.Condition.undefined_condition, POLICY_VIOLATION, type, text,
        applicationCondition);
  }

  /** The same error with another type. */
  public StanzaErrorException withType(PacketError.Type newType) {
    return new StanzaErrorException(condition, conditionName, newType, getMessage(), applicationCondition);
  }

  /** The RFC 6120 condition, as Tinder names it ({@code undefined_condition} for {@link #policyViolation}). */
  public PacketError.Condition condition() {
    return condition;
  }

  /** The condition's name on the wire, such as {@code item-not-found} or {@code policy-violation}. */
  public String conditionName() {
    return conditionName != null ? conditionName : condition.toXMPP();
  }

  /** The error type: the one chosen, or the condition's default. */
  public PacketError.Type type() {
    return type;
  }

  /** A copy of the application-specific condition, if there is one. */
  public Optional<Element> applicationCondition() {
    return Optional.ofNullable(applicationCondition).map(Element::createCopy);
  }

  /**
   * The error as Tinder models it, a new element each call, in the order of RFC 6120 §8.3.2: the defined
   * condition, the text if any, then the application-specific condition if any. No legacy {@code code}
   * attribute (XEP-0086 is deprecated).
   */
  public PacketError toPacketError() {
    Element error = DocumentHelper.createElement("error").addAttribute("type", type.toXMPP());
    error.addElement(QName.get(conditionName(), STANZAS_NAMESPACE));
    if (getMessage() != null) {
      error.addElement(QName.get("text", STANZAS_NAMESPACE)).setText(getMessage());
    }
    if (applicationCondition != null) {
      error.add(applicationCondition.createCopy());
    }
    return new PacketError(error);
  }
}
