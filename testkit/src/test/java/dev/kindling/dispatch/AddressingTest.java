package dev.kindling.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.handler.Address;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.OrderKey;
import dev.kindling.handler.OrderedBy;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.PresenceHandler;
import dev.kindling.handler.Replies;
import dev.kindling.handler.To;
import dev.kindling.testkit.ComponentTester;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

class AddressingTest {
  @Identity(category = "component", type = "generic")
  static final class Domain {
    @MessageHandler(type = Message.Type.chat)
    Message domain(Message in, @To JID to) {
      return Replies.to(in).withBody("domain got it at " + to);
    }
  }

  @Address(local = "Helper")
  @Identity(category = "client", type = "bot")
  static final class Helper {
    @MessageHandler(type = Message.Type.chat)
    Message help(Message in) {
      return Replies.to(in).withBody("helper");
    }

    @MessageHandler(type = Message.Type.chat)
    @Address(local = "helper", resource = "Desk")
    Message desk(Message in) {
      return Replies.to(in).withBody("helper at the desk");
    }
  }

  @Address(local = "roller")
  @Identity(category = "client", type = "bot")
  static final class Roller {
    @MessageHandler(type = Message.Type.chat)
    Message roll(Message in, @To JID me) {
      return Replies.to(in).withBody("roller " + me.toBareJID());
    }
  }

  private static Message chat(ComponentTester tester, String to) {
    tester.receive("<message type='chat' id='m1' from='alice@localhost/r' to='" + to + "'><body>hi</body></message>");
    return (Message) tester.nextSent();
  }

  @Test
  void twoHandlerClassesBoundToTwoLocalPartsEachTakeTheirOwnChatMessages() {
    try (ComponentTester tester = ComponentTester.of(Domain.class, Helper.class, Roller.class)
        .domain("bots.localhost").build()) {
      Message helper = chat(tester, "helper@bots.localhost");
      Message roller = chat(tester, "roller@bots.localhost/phone");
      Message desk = chat(tester, "helper@bots.localhost/Desk");
      Message other = chat(tester, "nobody@bots.localhost");
      Message domain = chat(tester, "bots.localhost");

      assertThat(helper.getBody()).isEqualTo("helper");
      assertThat(helper.getFrom()).isEqualTo(new JID("helper@bots.localhost"));
      assertThat(roller.getBody()).isEqualTo("roller roller@bots.localhost");
      assertThat(roller.getFrom()).isEqualTo(new JID("roller@bots.localhost/phone"));
      assertThat(desk.getBody()).isEqualTo("helper at the desk");
      assertThat(other.getBody()).isEqualTo("domain got it at nobody@bots.localhost");
      assertThat(domain.getBody()).isEqualTo("domain got it at bots.localhost");
    }
  }

  @Test
  void whatAnAddressDoesNotHandleFallsBackToTheDomainsHandlers() {
    try (ComponentTester tester = ComponentTester.of(Domain.class, Helper.class).domain("bots.localhost").build()) {
      IQ pong = tester.iq("<iq type='get' id='p1' from='alice@localhost/r' to='helper@bots.localhost'>"
          + "<ping xmlns='urn:xmpp:ping'/></iq>");
      IQ unknown = tester.iq("<iq type='get' id='p2' from='alice@localhost/r' to='helper@bots.localhost'>"
          + "<query xmlns='jabber:iq:roster'/></iq>");

      assertThat(pong.getType()).isEqualTo(IQ.Type.result);
      assertThat(pong.getFrom()).isEqualTo(new JID("helper@bots.localhost"));
      assertThat(unknown.getError().getCondition()).isEqualTo(PacketError.Condition.service_unavailable);
    }
  }

  @Identity(category = "component", type = "generic")
  static final class Clash {
    @MessageHandler(type = Message.Type.chat)
    @Address(local = "twice")
    void one(Message in) {}

    @MessageHandler(type = Message.Type.chat)
    @Address(local = "TWICE")
    void two(Message in) {}

    @MessageHandler(type = Message.Type.headline)
    @Address(local = "not valid@")
    void invalid(Message in) {}

    @MessageHandler(type = Message.Type.normal)
    void wrongTo(@To String to) {}
  }

  @Test
  void handlersClashingAtOneAddressAndBadAddressesAreReportedAtStart() {
    assertThatThrownBy(() -> ComponentTester.of(Clash.class).build())
        .isInstanceOfSatisfying(HandlerRegistrationException.class, e -> assertThat(e.problems()).containsExactly(
            "Clash.invalid(Message): @Address(local = \"not valid@\", resource = \"\") is not a valid JID local part"
                + " and resource: The input 'not valid@' is not a valid JID node part: Contains prohibited code points.",
            "Clash.two(Message): handles messages of type chat sent to twice@, as Clash.one(Message) already does",
            "Clash.wrongTo(String): @To marks a String; it goes on a JID parameter",
            "tested: the handlers at twice@ have no identity: put @Address(local = \"twice\") and @Identity(category"
                + " = …, type = …) on a class of the component (XEP-0030 §3.1: every entity has one)"));
  }

  @Identity(category = "component", type = "generic")
  static final class Sender {
    private final Outbound outbound;

    @Inject
    Sender(Outbound outbound) {
      this.outbound = outbound;
    }

    @MessageHandler(type = Message.Type.chat)
    void forward(Message in) {
      Message out = new Message();
      out.setTo(in.getFrom());
      out.setFrom(new JID(in.getBody()));
      out.setBody("from " + in.getBody());
      outbound.send(out);
    }
  }

  @Test
  void outboundSendsFromAnyAddressOfTheDomainAndRefusesOthers() {
    try (ComponentTester tester = ComponentTester.of(Sender.class).domain("bots.localhost").build()) {
      tester.receive("<message type='chat' from='alice@localhost/r' to='bots.localhost'><body>bot1@bots.localhost/Nick"
          + "</body></message>");
      assertThat(tester.nextSent().getFrom()).isEqualTo(new JID("bot1@bots.localhost/Nick"));

      tester.receive("<message type='chat' id='x' from='alice@localhost/r' to='bots.localhost'>"
          + "<body>bot1@elsewhere.localhost</body></message>");
      Packet error = tester.nextSent();
      assertThat(error.getError().getCondition()).isEqualTo(PacketError.Condition.internal_server_error);
      assertThat(tester.runtime().stats().failed()).isEqualTo(1);

      Message noFrom = new Message();
      noFrom.setTo(new JID("alice@localhost"));
      tester.outbound().send(noFrom);
      assertThat(tester.nextSent().getFrom()).isEqualTo(new JID("bots.localhost"));
    }
  }

  @Test
  void aMessageOfUnknownTypeIsAnsweredAsNormal() {
    try (ComponentTester tester = ComponentTester.of(Normal.class).build()) {
      tester.receive("<message type='whatever' id='m1' from='alice@localhost/r' to='component.localhost'>"
          + "<body>hi</body></message>");

      Message reply = (Message) tester.nextSent();
      assertThat(reply.getType()).isEqualTo(Message.Type.normal);
      assertThat(reply.getBody()).isEqualTo("hi back");
    }
  }

  @Identity(category = "component", type = "generic")
  static final class Normal {
    @MessageHandler(type = Message.Type.normal)
    Message answer(Message in) {
      return Replies.to(in).withBody(in.getBody() + " back");
    }
  }

  @Identity(category = "component", type = "generic")
  static final class Rooms {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @PresenceHandler(namespace = "http://jabber.org/protocol/muc#user")
    void occupant(Element mucUser, JID occupant) {
      seen.add(occupant.getResource() + " " + mucUser.element("item").attributeValue("role"));
    }

    @PresenceHandler
    void plain(JID from) {
      seen.add("plain " + from);
    }
  }

  @Test
  void presenceHandlersSelectByChildNamespaceAndReceiveTheChild() {
    try (ComponentTester tester = ComponentTester.of(Rooms.class).build()) {
      tester.receive("<presence from='room@conference.localhost/alice' to='bot@component.localhost/Bot'>"
          + "<x xmlns='http://jabber.org/protocol/muc#user'><item affiliation='none' role='participant'/></x>"
          + "</presence><presence from='bob@localhost/r' to='component.localhost'/>");

      org.awaitility.Awaitility.await().until(() -> tester.instance(Rooms.class).seen.size() == 2);
      assertThat(tester.instance(Rooms.class).seen).containsExactly("alice participant", "plain bob@localhost/r");
    }
  }

  @Identity(category = "component", type = "generic")
  @OrderedBy(OrderKey.BARE_SENDER)
  static final class PerRoom {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final List<String> order = new CopyOnWriteArrayList<>();

    @MessageHandler(type = Message.Type.groupchat)
    @Blocking
    void said(Message in) throws InterruptedException {
      mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
      Thread.sleep(5); // stands for blocking work, during which others of the same room must wait
      order.add(in.getBody());
      running.decrementAndGet();
    }
  }

  @Test
  void stanzasOrderedByBareSenderRunOneAtATimePerRoomInArrivalOrder() {
    try (ComponentTester tester = ComponentTester.of(PerRoom.class).config("workers", "4")
        .config("blocking-workers", "8").build()) {
      StringBuilder xml = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        xml.append("<message type='groupchat' from='room@conference.localhost/occupant").append(i % 5)
            .append("' to='bot@component.localhost/Bot'><body>").append(i).append("</body></message>");
      }
      tester.receive(xml.toString());

      PerRoom room = tester.instance(PerRoom.class);
      org.awaitility.Awaitility.await().until(() -> room.order.size() == 20);
      assertThat(room.mostAtOnce.get()).isEqualTo(1);
      assertThat(room.order).containsExactlyElementsOf(
          java.util.stream.IntStream.range(0, 20).mapToObj(Integer::toString).toList());
    }
  }

  @Test
  void sendAllInTheTesterSendsOneCopyPerRecipient() {
    try (ComponentTester tester = ComponentTester.of(Normal.class).domain("pubsub.localhost").build()) {
      Message event = new Message();
      event.setType(Message.Type.headline);
      event.setBody("news");

      assertThat(tester.outbound().sendAll(event, List.of(new JID("a@localhost"), new JID("b@localhost")))).isDone();

      List<Packet> sent = tester.drainSent();
      assertThat(sent).extracting(Packet::getTo).containsExactly(new JID("a@localhost"), new JID("b@localhost"));
      assertThat(sent).extracting(Packet::getFrom).containsOnly(new JID("pubsub.localhost"));
    }
  }
}
