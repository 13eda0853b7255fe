package dev.kindling.command;

import java.util.Set;
import org.xmpp.packet.JID;

/**
 * Decides who may run which command.
 *
 * @param admins the bare JIDs of the administrators
 * @param serverDomain the domain of the server the component is attached to, whose users are local
 */
public record AccessPolicy(Set<String> admins, String serverDomain) {
  /** Copies the set; the server domain is compared case-folded, as JIDs are prepared. */
  public AccessPolicy {
    admins = Set.copyOf(admins);
    serverDomain = serverDomain.toLowerCase(java.util.Locale.ROOT);
  }

  /** Whether {@code requester} may run a command with {@code access}. */
  public boolean allows(Command.Access access, JID requester) {
    return switch (access) {
      case ANYONE -> true;
      case LOCAL_USERS -> requester != null && requester.getNode() != null
          && serverDomain.equals(requester.getDomain());
      case ADMINS -> requester != null && admins.contains(requester.toBareJID());
    };
  }
}
