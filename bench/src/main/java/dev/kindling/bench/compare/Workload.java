package dev.kindling.bench.compare;

import java.nio.charset.StandardCharsets;

/**
 * What the load sends: XEP-0199 pings or chat messages with a 1 KiB body, each carrying a sequence marker, from
 * a number of distinct senders, to the component's domain.
 *
 * @param kind what is sent
 * @param senders how many distinct sender addresses take turns
 * @param componentDomain where it goes
 */
record Workload(Kind kind, int senders, String componentDomain) {
  /** The stanza kinds. */
  enum Kind {
    /** An IQ ping; the component answers with an empty result. */
    PING,
    /** A chat message with a 1 KiB body; the component echoes it. */
    MESSAGE_1K
  }

  private static final String KILOBYTE = "x".repeat(1024);

  /**
   * The stanza number {@code sequence}; {@code from} is the sender's address, or {@code null} when a client
   * connection sends it (the server adds it).
   */
  byte[] stanza(long sequence, String from) {
    String fromAttribute = from == null ? "" : " from='" + from + "'";
    String xml = switch (kind) {
      case PING -> "<iq type='get' id='" + Markers.of(sequence) + "'" + fromAttribute + " to='" + componentDomain
          + "'><ping xmlns='urn:xmpp:ping'/></iq>";
      case MESSAGE_1K -> "<message type='chat' id='m'" + fromAttribute + " to='" + componentDomain + "'><body>"
          + Markers.of(sequence) + " " + KILOBYTE + "</body></message>";
    };
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  /** The sender of stanza {@code sequence} in direct mode. */
  String sender(long sequence) {
    return "user" + (sequence % senders) + "@localhost/load";
  }
}
