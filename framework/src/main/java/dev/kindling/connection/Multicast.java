package dev.kindling.connection;

import java.util.Objects;

/**
 * The server's XEP-0033 multicast service, through which {@link ComponentConnection#sendAll} sends one stanza per
 * {@code maxRecipients} recipients, each naming its recipients in {@code bcc} addresses, instead of one stanza per
 * recipient. The server then parses one stanza instead of many: where a fan-out is limited by the server's CPU
 * (a PubSub node with thousands of subscribers), this is what is saved.
 *
 * <p>ejabberd offers one with {@code mod_multicast}; it accepts 20 addresses per stanza from a component unless
 * its {@code limits: remote: message} is raised. Prosody 0.12 offers none.
 *
 * @param service the multicast service's address, e.g. {@code multicast.example.org}
 * @param maxRecipients the most addresses in one stanza, as the service allows
 */
public record Multicast(String service, int maxRecipients) {
  /** Validates the values. */
  public Multicast {
    Objects.requireNonNull(service, "the multicast service is missing");
    if (service.isBlank() || service.contains("@") || service.contains("/")) {
      throw new IllegalArgumentException("the multicast service is not a domain: '" + service + "'");
    }
    if (maxRecipients < 2) {
      throw new IllegalArgumentException("multicast recipients per stanza must be at least 2: " + maxRecipients);
    }
  }
}
