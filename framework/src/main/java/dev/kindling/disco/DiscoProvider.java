package dev.kindling.disco;

import java.util.List;
import java.util.Optional;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;

/**
 * Adds to the component's service discovery answers. Implement it on any of the component's handler classes;
 * every method has a default that adds nothing. Called on handler threads, possibly at once.
 */
public interface DiscoProvider {
  /** XEP-0128 extended information for the component's own disco#info: result forms with a FORM_TYPE. */
  default List<DataForm> extendedInfo() {
    return List.of();
  }

  /**
   * Items for a disco#items request.
   *
   * @param node the node asked for, or {@code null} for the component itself
   */
  default List<DiscoItem> items(JID requester, String node) {
    return List.of();
  }

  /** The disco#info of {@code node}, if this provider knows the node. */
  default Optional<NodeInfo> nodeInfo(JID requester, String node) {
    return Optional.empty();
  }
}
