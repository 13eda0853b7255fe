package dev.kindling.bench.pubsub;

/**
 * The XEP-0060 requests the benchmark sends, as text: the {@code <pubsub/>} child of an IQ.
 */
final class Requests {
  private static final String PUBSUB = "<pubsub xmlns='http://jabber.org/protocol/pubsub'>";

  /**
   * One request: from {@code user@bench.localhost/bench}, of IQ {@code type}.
   *
   * @param child the IQ's child element
   */
  record Request(String user, String type, String child) {}

  private Requests() {}

  /** §8.1.2: create a node with the default configuration. */
  static Request create(String owner, String node) {
    return new Request(owner, "set", PUBSUB + "<create node='" + node + "'/></pubsub>");
  }

  /** §6.1: {@code user} subscribes its bare JID. */
  static Request subscribe(String user, String node) {
    return new Request(user, "set", PUBSUB + "<subscribe node='" + node + "' jid='" + user + "@"
        + ServiceStream.SERVER + "'/></pubsub>");
  }

  /** §7.1: publish {@code payload} as item {@code itemId}. */
  static Request publish(String publisher, String node, String itemId, String payload) {
    return new Request(publisher, "set", PUBSUB + "<publish node='" + node + "'><item id='" + itemId + "'>"
        + payload + "</item></publish></pubsub>");
  }

  /** §6.5.2: every item the node keeps. */
  static Request items(String user, String node) {
    return new Request(user, "get", PUBSUB + "<items node='" + node + "'/></pubsub>");
  }

  /** §5.6: the subscriptions {@code user} holds across the service. */
  static Request subscriptions(String user) {
    return new Request(user, "get", PUBSUB + "<subscriptions/></pubsub>");
  }

  /** An Atom entry of about {@code bytes} bytes, the usual payload of a PubSub item. */
  static String payload(int bytes) {
    String head = "<entry xmlns='http://www.w3.org/2005/Atom'><title>Kindling benchmark</title><summary>";
    String tail = "</summary></entry>";
    int fill = Math.max(0, bytes - head.length() - tail.length());
    StringBuilder text = new StringBuilder(fill);
    String words = "publish subscribe notify ";
    while (text.length() < fill) {
      text.append(words, 0, Math.min(words.length(), fill - text.length()));
    }
    return head + text + tail;
  }
}
