package dev.kindling.samples.concierge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.ComponentTester;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

class ConciergeServiceTest {
  private final ComponentTester concierge = ComponentTester.of(ConciergeService.class)
      .domain("concierge.localhost").build();

  @AfterEach
  void close() {
    concierge.close();
  }

  @Test
  void versionAsksTheTargetAndRepliesWithItsAnswer() {
    concierge.receive("<message type='chat' id='v1' from='alice@localhost/phone' to='concierge.localhost'>"
        + "<body>version localhost</body></message>");
    IQ question = (IQ) concierge.nextSent();

    concierge.receive("<iq type='result' id='" + question.getID() + "' from='localhost' to='concierge.localhost'>"
        + "<query xmlns='jabber:iq:version'><name>Prosody</name><version>0.12.3</version></query></iq>");

    assertThat(question.getTo().toString()).isEqualTo("localhost");
    assertThat(((Message) concierge.nextSent()).getBody()).isEqualTo("localhost runs Prosody 0.12.3");
  }

  @Test
  void versionReportsAnErrorAnswer() {
    concierge.receive("<message type='chat' id='v2' from='alice@localhost/phone' to='concierge.localhost'>"
        + "<body>version bob@localhost</body></message>");
    IQ question = (IQ) concierge.nextSent();

    concierge.receive("<iq type='error' id='" + question.getID() + "' from='bob@localhost' to='concierge.localhost'>"
        + "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");

    assertThat(((Message) concierge.nextSent()).getBody()).isEqualTo("bob@localhost would not say (service-unavailable)");
  }

  @Test
  void announceSendsTheMessageAfterConfirmation() {
    IQ first = concierge.iq("<iq type='set' id='a1' from='alice@localhost/phone' to='concierge.localhost'>"
        + "<command xmlns='http://jabber.org/protocol/commands' node='announce' action='execute'/></iq>");
    String session = first.getChildElement().attributeValue("sessionid");
    concierge.iq("<iq type='set' id='a2' from='alice@localhost/phone' to='concierge.localhost'>"
        + "<command xmlns='http://jabber.org/protocol/commands' node='announce' sessionid='" + session + "'>"
        + "<x xmlns='jabber:x:data' type='submit'><field var='to'><value>bob@localhost</value></field>"
        + "<field var='text'><value>Lunch is ready</value></field></x></command></iq>");

    IQ done = concierge.iq("<iq type='set' id='a3' from='alice@localhost/phone' to='concierge.localhost'>"
        + "<command xmlns='http://jabber.org/protocol/commands' node='announce' sessionid='" + session + "'"
        + " action='complete'><x xmlns='jabber:x:data' type='submit'><field var='send'><value>1</value></field></x>"
        + "</command></iq>");

    Message announcement = (Message) concierge.drainSent().stream().filter(Message.class::isInstance)
        .findFirst().orElseThrow();
    assertThat(done.getChildElement().elementText("note")).isEqualTo("Sent to bob@localhost.");
    assertThat(announcement.getTo().toString()).isEqualTo("bob@localhost");
    assertThat(announcement.getBody()).isEqualTo("Lunch is ready");
    assertThat(announcement.getSubject()).isEqualTo("Announcement from alice@localhost");
  }
}
