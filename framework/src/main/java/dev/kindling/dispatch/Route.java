package dev.kindling.dispatch;

import dev.kindling.handler.OrderKey;
import dev.kindling.stream.Stanzas;
import org.dom4j.Element;
import org.xmpp.packet.Packet;

/**
 * A handler ready to run: what it is, how to call it, and on which pool.
 *
 * @param spec the handler method
 * @param invoker calls it
 */
public record Route(HandlerSpec spec, Invoker invoker) {
  /** The key that orders {@code packet} among the others ({@link dev.kindling.handler.OrderedBy}). */
  public String orderKey(Packet packet) {
    Element stanza = packet.getElement();
    OrderKey order = spec.order();
    String from = Stanzas.attribute(stanza, "from");
    String to = order == OrderKey.ADDRESSEE ? Stanzas.attribute(stanza, "to") : null;
    return order.of(from == null ? "" : from, to == null ? "" : to);
  }

  /** Whether it runs on the blocking pool. */
  public boolean blocking() {
    return spec.blocking();
  }
}
