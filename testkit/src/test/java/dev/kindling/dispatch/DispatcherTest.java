package dev.kindling.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.kindling.testkit.ComponentTester;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

class DispatcherTest {
  private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

  private final ComponentTester tester = ComponentTester.of(FixtureHandlers.class).domain("fixture.localhost")
      .modules(new AbstractModule() {
        @Override
        protected void configure() {
          bind(Clock.class).toInstance(Clock.fixed(NOW, ZoneOffset.UTC));
          bind(JID.class).annotatedWith(Names.named("admin")).toInstance(new JID("boss@localhost"));
        }
      })
      .build();

  @AfterEach
  void close() {
    tester.close();
  }

  private IQ get(String child) {
    return tester.iq("<iq type='get' id='q1' from='alice@localhost/phone' to='fixture.localhost'>" + child + "</iq>");
  }

  private static PacketError.Condition condition(Packet packet) {
    return packet.getError().getCondition();
  }

  @Test
  void iqHandlerReturningAnElementAnswersWithItAsTheResultChild() {
    IQ answer = get("<query xmlns='urn:test:echo' text='héllo'/>");

    assertThat(answer.toXML()).isEqualTo("<iq type=\"result\" id=\"q1\" from=\"fixture.localhost\""
        + " to=\"alice@localhost/phone\"><query xmlns=\"urn:test:echo\" from=\"alice@localhost/phone\" text=\"héllo\"/></iq>");
  }

  @Test
  void iqNobodyHandlesGetsServiceUnavailable() {
    IQ answer = get("<query xmlns='jabber:iq:roster'/>");

    assertThat(answer.getType()).isEqualTo(IQ.Type.error);
    assertThat(condition(answer)).isEqualTo(PacketError.Condition.service_unavailable);
    assertThat(tester.runtime().stats().unhandled()).isEqualTo(1);
  }

  @Test
  void iqOfAHandledNamespaceButAnotherTypeGetsFeatureNotImplemented() {
    IQ answer = tester.iq("<iq type='set' id='s1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<query xmlns='urn:test:echo'/></iq>");

    assertThat(condition(answer)).isEqualTo(PacketError.Condition.feature_not_implemented);
  }

  @Test
  void iqWithoutAChildGetsBadRequest() {
    IQ answer = tester.iq("<iq type='get' id='e1' from='alice@localhost/phone' to='fixture.localhost'/>");

    assertThat(condition(answer)).isEqualTo(PacketError.Condition.bad_request);
  }

  @Test
  void unexpectedExceptionAnswersInternalServerErrorAndTheComponentGoesOn() {
    IQ failed = tester.iq("<iq type='set' id='f1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<fail xmlns='urn:test:fail'/></iq>");

    assertThat(condition(failed)).isEqualTo(PacketError.Condition.internal_server_error);
    assertThat(failed.toXML()).doesNotContain("boom");
    assertThat(tester.runtime().stats().failed()).isEqualTo(1);
    assertThat(get("<query xmlns='urn:test:echo' text='still here'/>").getType()).isEqualTo(IQ.Type.result);
  }

  @Test
  void stanzaErrorExceptionAnswersWithItsConditionAndText() {
    IQ answer = get("<deny xmlns='urn:test:deny'/>");

    assertThat(condition(answer)).isEqualTo(PacketError.Condition.forbidden);
    assertThat(answer.getError().getText()).isEqualTo("not for you");
  }

  @Test
  void typedPayloadIsReadFromTheChildAndWrittenAsTheResult() {
    IQ answer = get("<greeting xmlns='urn:test:greeting' name='Alice'/>");

    assertThat(Greeting.from(answer.getChildElement())).isEqualTo(new Greeting("hello Alice"));
  }

  @Test
  void futureIsAnsweredWhenItCompletes() {
    assertThat(get("<later xmlns='urn:test:async'/>").getChildElement().getName()).isEqualTo("later");
    assertThat(condition(get("<later-fail xmlns='urn:test:async'/>"))).isEqualTo(PacketError.Condition.conflict);
  }

  @Test
  void injectedServiceParameterComesFromGuice() {
    assertThat(get("<now xmlns='urn:test:clock'/>").getChildElement().attributeValue("at"))
        .isEqualTo("2026-11-27T12:00:00Z");
  }

  @Test
  void handlerRequestIsAnsweredThroughOutbound() {
    tester.receive("<iq type='get' id='a1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<ask xmlns='urn:test:ask'/></iq>");
    IQ question = (IQ) tester.nextSent();
    assertThat(question.getTo().toString()).isEqualTo("localhost");
    assertThat(question.getChildElement().getNamespaceURI()).isEqualTo("jabber:iq:version");

    tester.receive("<iq type='result' id='" + question.getID() + "' from='localhost' to='fixture.localhost'>"
        + "<query xmlns='jabber:iq:version'><name>Prosody</name><version>0.12</version></query></iq>");

    IQ answer = (IQ) tester.nextSent();
    assertThat(answer.getID()).isEqualTo("a1");
    assertThat(answer.getChildElement().attributeValue("server")).isEqualTo("Prosody");
  }

  @Test
  void errorStanzasAreNeverAnsweredWithErrors() {
    tester.receive("<iq type='error' id='x1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
    tester.receive("<message type='error' id='x2' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<error type='cancel'><item-not-found xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></message>");
    tester.receive("<presence type='error' id='x3' from='alice@localhost/phone' to='fixture.localhost'/>");

    assertThat(tester.nextSent(Duration.ofMillis(300))).isNull();
  }

  @Test
  void messageBodyPatternWinsOverTheCatchAll() {
    tester.receive("<message type='chat' id='m1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<body>ping me</body><thread>t7</thread></message>");
    tester.receive("<message type='chat' id='m2' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<body>hello</body></message>");

    Message pong = (Message) tester.nextSent();
    Message echo = (Message) tester.nextSent();
    assertThat(pong.getBody()).isEqualTo("pong");
    assertThat(pong.getThread()).isEqualTo("t7");
    assertThat(pong.getTo().toString()).isEqualTo("alice@localhost/phone");
    assertThat(echo.getBody()).isEqualTo("echo: hello");
  }

  @Test
  void messageChildNamespaceWinsOverBodyAndGetsTheElement() {
    tester.receive("<message type='chat' id='m3' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<body>ping</body><ext xmlns='urn:test:ext' value='42'/></message>");
    tester.receive("<message type='chat' id='m4' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<body>after</body></message>");

    assertThat(((Message) tester.nextSent()).getBody()).isEqualTo("echo: after");
    assertThat(tester.instance(FixtureHandlers.class).extensions).containsExactly("42");
  }

  @Test
  void chatMessageNobodyHandlesGetsServiceUnavailableAndHeadlinesAreDropped() {
    tester.receive("<message type='headline' id='h1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<body>news</body></message>");
    tester.receive("<message type='normal' id='n1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<body>hi</body></message>");

    Packet answer = tester.nextSent();
    assertThat(answer.getID()).isEqualTo("n1");
    assertThat(condition(answer)).isEqualTo(PacketError.Condition.service_unavailable);
    assertThat(tester.nextSent(Duration.ofMillis(200))).isNull();
  }

  @Test
  void malformedPayloadIsABadRequestNotACrash() {
    IQ answer = get("<greeting xmlns='urn:test:greeting'/>");

    assertThat(condition(answer)).isEqualTo(PacketError.Condition.bad_request);
    assertThat(answer.getError().getText()).isEqualTo("not a valid Greeting: a greeting needs a name");
    assertThat(tester.runtime().stats().failed()).isZero();
  }

  @Test
  void qualifiedParameterComesFromGuiceWhateverItsType() {
    assertThat(get("<admin xmlns='urn:test:named'/>").getChildElement().attributeValue("jid"))
        .isEqualTo("boss@localhost");
  }

  @Test
  void aChildNamedErrorDoesNotMakeARequestAnError() {
    IQ answer = get("<query xmlns='urn:test:nobody'/><error xmlns='urn:test:app'/>");

    assertThat(condition(answer)).isEqualTo(PacketError.Condition.service_unavailable);
  }

  @Test
  void messageOfUnknownTypeIsTreatedAsNormal() {
    tester.receive("<message type='Chat' id='u1' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<ext xmlns='urn:test:ext' value='7'/></message>");
    tester.receive("<message type='chat' id='u2' from='alice@localhost/phone' to='fixture.localhost'>"
        + "<body>after</body></message>");

    assertThat(((Message) tester.nextSent()).getBody()).isEqualTo("echo: after");
    assertThat(tester.instance(FixtureHandlers.class).extensions).containsExactly("7");
  }

  @Test
  void presenceIsRoutedByType() {
    tester.receive("<presence type='subscribe' id='p1' from='alice@localhost' to='fixture.localhost'/>");
    tester.receive("<presence type='unsubscribed' id='p2' from='alice@localhost' to='fixture.localhost'/>");

    Presence approval = (Presence) tester.nextSent();
    assertThat(approval.getType()).isEqualTo(Presence.Type.subscribed);
    assertThat(approval.getTo().toString()).isEqualTo("alice@localhost");
    assertThat(tester.nextSent(Duration.ofMillis(200))).isNull();
  }
}
