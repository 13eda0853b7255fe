package dev.kindling.handler;

import org.dom4j.Element;
import org.xmpp.packet.Message;

/**
 * Builds replies to messages: addressed back to the sender, from the address the message was sent to (whichever
 * address of the component's domain that is), with the same type and thread (RFC 6121 §5.2.5); a message of
 * unknown type is answered as {@code normal}, the type it counts as (§5.2.2).
 *
 * <pre>{@code return Replies.to(in).withBody("pong");}</pre>
 */
public final class Replies {
  private Replies() {}

  /** Starts the reply to {@code message}. */
  public static Draft to(Message message) {
    Message reply = new Message();
    reply.setTo(message.getFrom());
    reply.setFrom(message.getTo());
    reply.setType(MessageTypes.of(message));
    String thread = message.getThread();
    if (thread != null) {
      reply.setThread(thread);
    }
    return new Draft(reply);
  }

  /** A reply being built. */
  public static final class Draft {
    private final Message reply;

    private Draft(Message reply) {
      this.reply = reply;
    }

    /** The reply with {@code body}. */
    public Message withBody(String body) {
      reply.setBody(body);
      return reply;
    }

    /** The reply carrying {@code extension} (a copy of it). */
    public Message withExtension(Element extension) {
      reply.getElement().add(extension.createCopy());
      return reply;
    }
  }
}
