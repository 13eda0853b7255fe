package dev.kindling.handler;

import dev.kindling.stream.Stanzas;
import org.dom4j.Element;
import org.xmpp.packet.Packet;

/**
 * Checks the {@code from} of an outbound stanza against the component's domain, as every {@link Outbound} does:
 * a component may send from any address of its domain, and from nothing else (the server would end the stream
 * with {@code improper-addressing}, XEP-0114 §3). Works on the attribute text, without parsing a JID: it runs for
 * every stanza sent. Call it from an {@code Outbound} of your own (a test double, a benchmark's) so that it
 * keeps the same contract as the connection's.
 */
public final class SenderAddress {
  private SenderAddress() {}

  /**
   * Sets a missing {@code from} to {@code domain}, and refuses one outside it.
   *
   * @param domain the component's domain, prepared (lower case)
   * @throws IllegalArgumentException naming the address, if its domain part is not {@code domain}
   */
  public static void check(Packet packet, String domain) {
    Element stanza = packet.getElement();
    String from = Stanzas.attribute(stanza, "from");
    if (from == null || from.isEmpty()) {
      stanza.addAttribute("from", domain);
      return;
    }
    if (from.equals(domain)) {
      return; // most answers are sent from the domain itself: skip the scan
    }
    int slash = from.indexOf('/');
    int end = slash < 0 ? from.length() : slash;
    int at = from.lastIndexOf('@', end - 1);
    int start = at < 0 ? 0 : at + 1;
    if (end - start != domain.length() || !from.regionMatches(true, start, domain, 0, domain.length())) {
      throw new IllegalArgumentException("cannot send from " + from + ": a component sends only from addresses of"
          + " its own domain " + domain + " (XEP-0114 §3)");
    }
  }
}
