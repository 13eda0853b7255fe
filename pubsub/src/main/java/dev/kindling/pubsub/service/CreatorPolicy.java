package dev.kindling.pubsub.service;

import dev.kindling.handler.Outbound;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.pubsub.PubSubKeys;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import org.xmpp.packet.JID;

/**
 * Who may create nodes ({@code pubsub.creators}): by default every user of the server the service is attached
 * to (the domain above {@code pubsub.example.org}), so a stock client can use the service out of the box; or
 * everyone, the admins only, or listed domains and bare JIDs.
 */
@Singleton
final class CreatorPolicy {
  private final List<String> allowed;
  private final List<String> admins;
  private final Outbound outbound;

  @Inject
  CreatorPolicy(KindlingConfig config, Outbound outbound) {
    this.allowed = config.get(PubSubKeys.CREATORS);
    this.admins = List.copyOf(config.admins());
    this.outbound = outbound;
  }

  /** Whether {@code requester} may create a node. */
  boolean mayCreate(JID requester) {
    String bare = requester.toBareJID();
    String domain = requester.getDomain();
    for (String entry : allowed) {
      boolean matches = switch (entry) {
        case "all" -> true;
        case "local" -> domain.equals(serverDomain());
        case "admins" -> admins.contains(bare);
        default -> entry.equals(domain) || entry.equals(bare);
      };
      if (matches) {
        return true;
      }
    }
    return false;
  }

  /** The server's domain: the component's without its first label ({@code example.org} for {@code pubsub.…}). */
  private String serverDomain() {
    String own = outbound.jid().getDomain();
    int dot = own.indexOf('.');
    return dot < 0 ? own : own.substring(dot + 1);
  }
}
