package dev.kindling.samples.echo;

import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Replies;
import org.xmpp.packet.Message;

/**
 * Replies to every chat or normal message with the same body. Ping, version, time, uptime and disco come with
 * every Kindling component.
 */
@Identity(category = "component", type = "generic", name = "Echo")
public final class EchoComponent {
  @MessageHandler
  Message echo(Message message) {
    return Replies.to(message).withBody(message.getBody());
  }
}
