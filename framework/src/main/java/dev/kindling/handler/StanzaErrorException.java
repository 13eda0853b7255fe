package dev.kindling.handler;

import java.util.Objects;
import org.dom4j.Element;
import org.xmpp.packet.PacketError;

/**
 * Thrown by a handler to answer the stanza with an RFC 6120 §8.3 stanza error; the stream stays up.
 *
 * <pre>{@code throw new StanzaErrorException(PacketError.Condition.item_not_found, "no node 'weather'");}</pre>
 *
 * <p>The text is sent to the requester: say what is wrong with the request, never how the component failed.
 */
public class StanzaErrorException extends RuntimeException {
  private final PacketError.Condition condition;
  private final transient Element applicationCondition;

  /** An error with a condition and a text for the requester. */
  public StanzaErrorException(PacketError.Condition condition, String text) {
    this(condition, text, null);
  }

  /**
   * An error with an application-specific condition as well, such as XEP-0050's {@code <bad-sessionid/>}.
   *
   * @param applicationCondition an element in the application's namespace, or {@code null}
   */
  public StanzaErrorException(PacketError.Condition condition, String text, Element applicationCondition) {
    super(text, null, false, false);
    this.condition = Objects.requireNonNull(condition, "condition");
    this.applicationCondition = applicationCondition;
  }

  /** The RFC 6120 condition. */
  public PacketError.Condition condition() {
    return condition;
  }

  /** The error as Tinder models it, with its condition's default type, the text and any application condition. */
  public PacketError toPacketError() {
    PacketError error = getMessage() == null
        ? new PacketError(condition)
        : new PacketError(condition, condition.getDefaultType(), getMessage());
    if (applicationCondition != null) {
      error.setApplicationCondition(applicationCondition.getName(), applicationCondition.getNamespaceURI());
    }
    return error;
  }
}
