package dev.kindling.samples.concierge;

import dev.kindling.command.Command;
import dev.kindling.command.CommandRequest;
import dev.kindling.command.CommandStep;
import dev.kindling.form.Field;
import dev.kindling.form.Form;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.Replies;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * A small service showing what a real one does: an ad-hoc command whose two forms lead to an action, and a
 * handler that asks another entity something before it answers.
 *
 * <ul>
 *   <li>Command {@code announce}: a form for the recipient and the text, then a confirmation, then the message
 *       goes out from the component.
 *   <li>Message {@code version <jid>}: the component asks {@code <jid>} for its software version (XEP-0092) and
 *       replies with what it said, or why it could not.
 * </ul>
 */
@Identity(category = "component", type = "generic", name = "Concierge")
public final class ConciergeService {
  static final Form ANNOUNCEMENT = Form.titled("Send an announcement")
      .instructions("Who should receive it, and what should it say?")
      .field(Field.jid("to").label("Recipient").required())
      .field(Field.textMulti("text").label("Text").required());

  static final Form CONFIRMATION = Form.titled("Confirm the announcement")
      .field(Field.bool("send").label("Send it now").required());

  private final Outbound outbound;

  @Inject
  ConciergeService(Outbound outbound) {
    this.outbound = outbound;
  }

  @Command(node = "announce", name = "Send an announcement", access = Command.Access.LOCAL_USERS)
  CommandStep announce(CommandRequest request) {
    return CommandStep.form(ANNOUNCEMENT).onNext(this::confirm);
  }

  private CommandStep confirm(CommandRequest request) {
    JID to = request.values().jid("to").orElseThrow();
    String text = String.join("\n", request.values().list("text"));
    request.attributes().put("to", to);
    request.attributes().put("text", text);
    return CommandStep.form(CONFIRMATION).withNote("To " + to + ": " + text).onComplete(this::send);
  }

  private CommandStep send(CommandRequest request) {
    if (!request.values().bool("send")) {
      return CommandStep.completed("Nothing was sent.");
    }
    JID to = (JID) request.attributes().get("to");
    Message announcement = new Message();
    announcement.setFrom(outbound.jid());
    announcement.setTo(to);
    announcement.setType(Message.Type.headline);
    announcement.setSubject("Announcement from " + request.requester().toBareJID());
    announcement.setBody((String) request.attributes().get("text"));
    outbound.send(announcement);
    return CommandStep.completed("Sent to " + to + ".");
  }

  @MessageHandler(body = "version\\s+\\S+")
  CompletableFuture<Message> version(Message message) {
    String target = message.getBody().strip().split("\\s+")[1];
    IQ question = new IQ(IQ.Type.get);
    question.setFrom(outbound.jid());
    try {
      question.setTo(new JID(target));
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(Replies.to(message).withBody("'" + target + "' is not an address"));
    }
    question.setChildElement("query", "jabber:iq:version");
    return outbound.request(question).handle((answer, failure) -> Replies.to(message).withBody(describe(target, answer)));
  }

  private static String describe(String target, IQ answer) {
    if (answer == null) {
      return target + " did not answer";
    }
    if (answer.getType() == IQ.Type.error) {
      return target + " would not say (" + answer.getError().getCondition().toXMPP() + ")";
    }
    return target + " runs " + answer.getChildElement().elementText("name") + " "
        + answer.getChildElement().elementText("version");
  }
}
