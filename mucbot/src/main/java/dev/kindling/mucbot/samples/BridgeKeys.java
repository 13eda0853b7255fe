package dev.kindling.mucbot.samples;

import dev.kindling.config.ConfigKey;
import java.util.List;
import org.xmpp.packet.JID;

/** The configuration of the PubSub-to-room bridge. */
public final class BridgeKeys {
  /** The PubSub service whose nodes the bridge follows. */
  public static final ConfigKey<JID> SERVICE = ConfigKey.jid("bridge.pubsub-service")
      .withDescription("the PubSub service the bridge follows (default: pubsub.<the server's domain>)");
  /** Nodes followed from the start, into every room of the bridge. */
  public static final ConfigKey<List<String>> NODES = ConfigKey.strings("bridge.nodes").withDefault(List.of(), "none")
      .withDescription("nodes whose new items the bridge posts into all its rooms, comma-separated");

  /** Every key, to declare. */
  public static final List<ConfigKey<?>> ALL = List.of(SERVICE, NODES);

  private BridgeKeys() {}
}
