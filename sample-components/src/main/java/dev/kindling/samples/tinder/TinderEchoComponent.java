package dev.kindling.samples.tinder;

import org.xmpp.component.AbstractComponent;
import org.xmpp.packet.Message;

/**
 * Replies to every message with a message of the same type and body; answers XEP-0199 pings, XEP-0030
 * disco#info, XEP-0012 last activity and XEP-0202 entity time through {@link AbstractComponent}.
 *
 * <p>The simplest component there is, written against Tinder's API so that it would run unchanged in Openfire
 * or Whack; Kindling hosts it with {@link dev.kindling.tinder.TinderComponentHost}.
 */
public final class TinderEchoComponent extends AbstractComponent {
  @Override
  public String getName() {
    return "Echo";
  }

  @Override
  public String getDescription() {
    return "Replies to every message with the same body.";
  }

  @Override
  protected void handleMessage(Message message) {
    if (message.getType() == Message.Type.error || message.getBody() == null) {
      return;
    }
    Message reply = new Message();
    reply.setTo(message.getFrom());
    reply.setFrom(message.getTo());
    reply.setType(message.getType());
    reply.setThread(message.getThread());
    reply.setBody(message.getBody());
    send(reply);
  }
}
