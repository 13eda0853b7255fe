package dev.kindling.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.ComponentTester;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

class EchoComponentTest {
  @Test
  void repliesWithTheSameBodyTypeAndThread() {
    try (ComponentTester echo = ComponentTester.of(EchoComponent.class).domain("echo.localhost").build()) {
      echo.receive("<message type='chat' id='m1' from='alice@localhost/phone' to='echo.localhost'>"
          + "<body>Grüße 🔥</body><thread>t1</thread></message>");

      Message reply = (Message) echo.nextSent();

      assertThat(reply.toXML()).isEqualTo("<message to=\"alice@localhost/phone\" from=\"echo.localhost\" type=\"chat\">"
          + "<thread>t1</thread><body>Grüße 🔥</body></message>");
    }
  }
}
