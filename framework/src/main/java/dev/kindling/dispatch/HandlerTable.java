package dev.kindling.dispatch;

import dev.kindling.stream.Stanzas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.Presence;

/**
 * The routing table of one component, built once at start-up and never changed. A stanza goes to the handlers
 * bound to its addressee ({@link dev.kindling.handler.Address}): first those of its full address, then those of
 * its local part; what they do not take falls back to the domain's handlers. A component without addressed
 * handlers never looks at the addressee, so its lookup stays a hash probe or two, with no allocation.
 */
public final class HandlerTable {
  private final RouteSet domain = new RouteSet();
  private final Map<AddressKey, RouteSet> addressed = new HashMap<>();

  /** Builds the table from routes whose selectors the {@link HandlerScanner} has checked for clashes. */
  public HandlerTable(List<Route> routes) {
    for (Route route : routes) {
      AddressKey address = route.spec().address();
      (address == null ? domain : addressed.computeIfAbsent(address, key -> new RouteSet())).add(route);
    }
  }

  /** The handler for an IQ get or set ({@code type}) with this child, or {@code null}. */
  public Route iq(IQ iq, IQ.Type type, Element child) {
    return addressed.isEmpty() ? domain.iq(type, child) : find(iq, routes -> routes.iq(type, child));
  }

  /**
   * Whether some handler for the IQ's addressee takes IQs in {@code namespace}: then an unhandled IQ there is
   * {@code feature-not-implemented}.
   */
  public boolean handlesNamespace(IQ iq, String namespace) {
    return find(iq, routes -> routes.handlesNamespace(namespace) ? Boolean.TRUE : null) != null;
  }

  /** The handler for a message: by child namespace, then body pattern, then the catch-all; or {@code null}. */
  public Route message(Message message) {
    return addressed.isEmpty() ? domain.message(message) : find(message, routes -> routes.message(message));
  }

  /** The handler for a presence: by child namespace, then the catch-all; or {@code null} (also for unknown types). */
  public Route presence(Presence presence) {
    return addressed.isEmpty() ? domain.presence(presence) : find(presence, routes -> routes.presence(presence));
  }

  /** Whether any handler is bound to {@code address} (its exact resource, or every resource). */
  public boolean hasHandlersAt(AddressKey address) {
    return addressed.containsKey(address) || addressed.containsKey(address.anyResource());
  }

  /** The first answer of the addressee's route sets, most specific first, ending with the domain's. */
  private <T> T find(Packet packet, Function<RouteSet, T> lookup) {
    AddressKey to = addressee(Stanzas.attribute(packet.getElement(), "to"));
    if (to != null) {
      T found = lookupAt(to, lookup);
      if (found == null && to.resource() != null) {
        found = lookupAt(to.anyResource(), lookup);
      }
      if (found != null) {
        return found;
      }
    }
    return lookup.apply(domain);
  }

  private <T> T lookupAt(AddressKey key, Function<RouteSet, T> lookup) {
    RouteSet routes = addressed.get(key);
    return routes == null ? null : lookup.apply(routes);
  }

  /**
   * The local part and resource of a {@code to} attribute, or {@code null} for the domain itself. The server has
   * prepared the address (RFC 6120 §13.7.1.3), so its local part is compared as it is.
   */
  static AddressKey addressee(String to) {
    if (to == null) {
      return null;
    }
    int at = to.indexOf('@');
    int slash = to.indexOf('/');
    if (at < 0 || slash >= 0 && slash < at) {
      return null;
    }
    return new AddressKey(to.substring(0, at), slash < 0 ? null : to.substring(slash + 1));
  }
}
