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
  void errorReplyGoesBackToTheSenderWithTheConditionAndThePayload() throws Exception {
    IQ request = parse("<iq type='get' id='q1' from='alice@localhost/r' to='echo.localhost'>"
        + "<query xmlns='urn:example'/></iq>");

    Packet reply = ErrorReplies.to(request, PacketError.Condition.resource_constraint);

    assertThat(reply.toXML()).isEqualTo("<iq type=\"error\" id=\"q1\" from=\"echo.localhost\" to=\"alice@localhost/r\">"
        + "<query xmlns=\"urn:example\"></query><error code=\"500\" type=\"wait\"><resource-constraint"
        + " xmlns=\"urn:ietf:params:xml:ns:xmpp-stanzas\"/></error></iq>");
  }

  @Test
  void anErrorIsNeverAnsweredWithAnError() throws Exception {
    IQ error = parse("<iq type='error' id='q2' from='a@b' to='c'/>");

    assertThatThrownBy(() -> ErrorReplies.to(error, PacketError.Condition.service_unavailable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("never answered with an error");
  }
}
