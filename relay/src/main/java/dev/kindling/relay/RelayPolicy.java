package dev.kindling.relay;

import dev.kindling.command.AccessPolicy;
import dev.kindling.inject.KindlingConfig;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.xmpp.packet.JID;

/**
 * Who may use the relay ({@code relay.allow}): users of the server's own domain ({@code local}, the default), of
 * listed domains, or everyone. A domain also admits its subdomains, so {@code example.org} admits
 * {@code conference.example.org}.
 */
final class RelayPolicy {
  private static final String LOCAL = "local";
  private static final String EVERYONE = "everyone";

  private final boolean everyone;
  private final Set<String> domains;

  @Inject
  RelayPolicy(KindlingConfig config, AccessPolicy access) {
    Set<String> listed = config.get(RelayKeys.ALLOW).stream().map(entry -> entry.toLowerCase(Locale.ROOT))
        .collect(Collectors.toSet());
    this.everyone = listed.contains(EVERYONE);
    this.domains = listed.stream().map(entry -> entry.equals(LOCAL) ? access.serverDomain() : entry)
        .filter(entry -> !entry.equals(EVERYONE)).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether {@code user} may use the relay. */
  boolean allows(JID user) {
    if (everyone) {
      return true;
    }
    String domain = user.getDomain();
    for (String allowed : domains) {
      if (domain.equals(allowed) || domain.endsWith("." + allowed)) {
        return true;
      }
    }
    return false;
  }
}
