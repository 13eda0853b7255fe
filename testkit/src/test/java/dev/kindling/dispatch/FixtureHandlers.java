package dev.kindling.dispatch;

import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.PresenceHandler;
import dev.kindling.handler.Replies;
import dev.kindling.handler.StanzaErrorException;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/** Handlers exercising every kind of parameter, return value and routing rule. */
@Identity(category = "component", type = "generic", name = "Fixture")
public final class FixtureHandlers {
  final List<String> extensions = new CopyOnWriteArrayList<>();
  private final Outbound outbound;

  @Inject
  FixtureHandlers(Outbound outbound) {
    this.outbound = outbound;
  }

  @IqHandler(element = "query", namespace = "urn:test:echo")
  Element echo(Element query, JID from) {
    Element answer = DocumentHelper.createElement(query.getQName());
    answer.addAttribute("from", from.toString());
    answer.addAttribute("text", query.attributeValue("text"));
    return answer;
  }

  @IqHandler(element = "fail", namespace = "urn:test:fail", type = IQ.Type.set)
  void fail() {
    throw new IllegalStateException("boom");
  }

  @IqHandler(element = "deny", namespace = "urn:test:deny")
  void deny() {
    throw new StanzaErrorException(PacketError.Condition.forbidden, "not for you");
  }

  @IqHandler(element = "greeting", namespace = Greeting.NAMESPACE)
  Greeting greet(Greeting greeting) {
    return new Greeting("hello " + greeting.name());
  }

  @IqHandler(element = "later", namespace = "urn:test:async")
  CompletableFuture<Element> later() {
    return CompletableFuture.supplyAsync(() -> DocumentHelper.createElement(QName.get("later", "urn:test:async")));
  }

  @IqHandler(element = "later-fail", namespace = "urn:test:async")
  CompletableFuture<Element> laterFail() {
    return CompletableFuture.failedFuture(new StanzaErrorException(PacketError.Condition.conflict, "taken"));
  }

  @IqHandler(element = "now", namespace = "urn:test:clock")
  Element now(Clock clock) {
    return DocumentHelper.createElement(QName.get("now", "urn:test:clock")).addAttribute("at", clock.instant().toString());
  }

  /** Asks the sender's server for its version and reports the name it gives. */
  @IqHandler(element = "ask", namespace = "urn:test:ask")
  CompletableFuture<Element> ask(IQ request) {
    IQ question = new IQ(IQ.Type.get);
    question.setFrom(outbound.jid());
    question.setTo(request.getFrom().getDomain());
    question.setChildElement("query", "jabber:iq:version");
    return outbound.request(question).thenApply(answer -> DocumentHelper.createElement(QName.get("ask", "urn:test:ask"))
        .addAttribute("server", answer.getChildElement().elementText("name")));
  }

  @IqHandler(element = "admin", namespace = "urn:test:named")
  Element named(@jakarta.inject.Named("admin") JID admin) {
    return DocumentHelper.createElement(QName.get("admin", "urn:test:named")).addAttribute("jid", admin.toString());
  }

  @MessageHandler(type = Message.Type.chat)
  Message chat(Message message) {
    return Replies.to(message).withBody("echo: " + message.getBody());
  }

  @MessageHandler(type = Message.Type.chat, body = "ping( .*)?")
  Message ping(Message message) {
    return Replies.to(message).withBody("pong");
  }

  @MessageHandler(type = {Message.Type.chat, Message.Type.normal}, namespace = "urn:test:ext")
  void extension(Element extension) {
    extensions.add(extension.attributeValue("value"));
  }

  @PresenceHandler(PresenceHandler.Type.SUBSCRIBE)
  Presence subscribe(Presence request) {
    Presence approval = new Presence(Presence.Type.subscribed);
    approval.setTo(request.getFrom());
    approval.setFrom(request.getTo());
    return approval;
  }
}
