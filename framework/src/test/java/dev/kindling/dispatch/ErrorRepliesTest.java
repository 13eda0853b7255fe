package dev.kindling.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dom4j.DocumentHelper;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

class ErrorRepliesTest {
  private static IQ parse(String xml) throws Exception {
    return new IQ(DocumentHelper.parseText(xml).getRootElement());
  }

  @Test
  void anIqsErrorGoesBackToTheSenderWithTheConditionAndWithoutThePayload() throws Exception {
    IQ request = parse("<iq type='set' id='q1' from='alice@localhost/r' to='echo.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/bytestreams' sid='s'><activate>bob@localhost/b</activate>"
        + "</query></iq>");

    Packet reply = ErrorReplies.to(request, PacketError.Condition.resource_constraint);

    assertThat(reply.toXML()).isEqualTo("<iq type=\"error\" id=\"q1\" from=\"echo.localhost\" to=\"alice@localhost/r\">"
        + "<error code=\"500\" type=\"wait\"><resource-constraint xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/>"
        + "</error></iq>");
  }

  @Test
  void aMessagesErrorKeepsThePayload() throws Exception {
    org.xmpp.packet.Message message = new org.xmpp.packet.Message(DocumentHelper.parseText(
        "<message id='m1' from='alice@localhost/r' to='echo.localhost'><body>hi</body></message>").getRootElement());

    Packet reply = ErrorReplies.to(message, PacketError.Condition.service_unavailable);

    assertThat(reply.toXML()).contains("<body>hi</body>").contains("<service-unavailable");
  }

  @Test
  void anErrorIsNeverAnsweredWithAnError() throws Exception {
    IQ error = parse("<iq type='error' id='q2' from='a@b' to='c'/>");

    assertThatThrownBy(() -> ErrorReplies.to(error, PacketError.Condition.service_unavailable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never answered with an error");
  }
}
