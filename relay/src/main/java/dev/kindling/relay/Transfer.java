package dev.kindling.relay;

/**
 * One bytestream through the relay: the target's connection (XEP-0065: the target connects first), then the
 * initiator's; once activated, who activated it, what it moved and when. Selector thread only.
 */
final class Transfer {
  final String hash;
  Socks5Connection target;
  Socks5Connection initiator;
  boolean active;
  boolean ended;
  /** The bare JID of the initiator that activated it, whose count of transfers it is in. */
  String owner;
  long bytes;
  long lastMoved;
  /** Its bandwidth limit, if {@code relay.transfer-rate} sets one. */
  RateLimit rate;
  /** Whether reading waits for a rate limit to refill. */
  boolean throttled;

  Transfer(String hash, Socks5Connection target) {
    this.hash = hash;
    this.target = target;
  }

  /** The other side of {@code side}. */
  Socks5Connection peerOf(Socks5Connection side) {
    return side == target ? initiator : target;
  }
}
