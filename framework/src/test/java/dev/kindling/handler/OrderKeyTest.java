package dev.kindling.handler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrderKeyTest {
  @Test
  void theKeyIsTheFullSenderTheBareSenderOrTheAddressee() {
    String from = "room@conference.localhost/alice";
    String to = "bot@bots.localhost/Bot";

    assertThat(OrderKey.SENDER.of(from, to)).isEqualTo("room@conference.localhost/alice");
    assertThat(OrderKey.BARE_SENDER.of(from, to)).isEqualTo("room@conference.localhost");
    assertThat(OrderKey.BARE_SENDER.of("room@conference.localhost", to)).isEqualTo("room@conference.localhost");
    assertThat(OrderKey.ADDRESSEE.of(from, to)).isEqualTo("to:bot@bots.localhost/Bot");
  }

  @Test
  void anAddresseeKeyNeverSharesAQueueWithASenderOfTheSameName() {
    String jid = "bot@bots.localhost/Bot";

    assertThat(OrderKey.ADDRESSEE.of("x@localhost", jid)).isNotEqualTo(OrderKey.SENDER.of(jid, "x@localhost"));
  }
}
