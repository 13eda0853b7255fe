package dev.kindling.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;

/**
 * Tinder prepares JIDs with libidn's stringprep (RFC 6122 nodeprep, nameprep, resourceprep). Kindling pins
 * libidn 1.15 in place of the 1.35 Tinder asks for; these tests notice if a change of that library changes
 * how addresses are prepared.
 */
class JidPreparationTest {
  @Test
  void nodeAndDomainAreCaseFoldedAndTheResourceIsKept() {
    JID jid = new JID("Alice@Example.ORG/Laptop One");

    assertThat(jid.getNode()).isEqualTo("alice");
    assertThat(jid.getDomain()).isEqualTo("example.org");
    assertThat(jid.getResource()).isEqualTo("Laptop One");
    assertThat(jid.toBareJID()).isEqualTo("alice@example.org");
  }

  @Test
  void nonAsciiNodesAreNormalised() {
    assertThat(new JID("ÄLICE@example.org").getNode()).isEqualTo("älice");
    assertThat(new JID("\u00DFtrasse@example.org").getNode()).isEqualTo("sstrasse");
  }

  @Test
  void nodeWithAForbiddenCharacterIsRejected() {
    assertThatThrownBy(() -> new JID("al\"ice@example.org")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JID("a b@example.org")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overlongPartsAreRejected() {
    assertThatThrownBy(() -> new JID("x".repeat(1024) + "@example.org")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new JID("a@example.org/" + "r".repeat(1024))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyDomainIsRejected() {
    assertThatThrownBy(() -> new JID("alice@")).isInstanceOf(IllegalArgumentException.class);
  }
}
