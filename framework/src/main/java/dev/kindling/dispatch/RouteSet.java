package dev.kindling.dispatch;

import dev.kindling.handler.MessageTypes;
import dev.kindling.handler.PresenceHandler;
import dev.kindling.stream.Stanzas;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Presence;

/**
 * The routes of one address (the domain, or one bound with {@link dev.kindling.handler.Address}), built once at
 * start-up and never changed: looking a stanza up is a hash probe or two, with no allocation.
 */
final class RouteSet {
  /** IQ routes by namespace, then element name; each slot holds the get and set routes. */
  private final Map<String, Map<String, Route[]>> iq = new HashMap<>();
  private final Map<Message.Type, ByChild> messages = new EnumMap<>(Message.Type.class);
  private final Map<PresenceHandler.Type, ByChild> presences = new EnumMap<>(PresenceHandler.Type.class);
  private final Set<String> iqNamespaces = new HashSet<>();

  /** Routes of one message or presence type, in the order they are tried. */
  private static final class ByChild {
    final Map<String, Route> byNamespace = new HashMap<>();
    final List<Route> byBody = new ArrayList<>();
    Route fallback;

    void add(String namespace, Route route) {
      if (!namespace.isEmpty()) {
        byNamespace.put(namespace, route);
      } else if (route.spec().selector() instanceof Selector.Messages m && m.body() != null) {
        byBody.add(route);
      } else {
        fallback = route;
      }
    }

    Route find(Element stanza, String body) {
      if (!byNamespace.isEmpty()) {
        for (Element child : stanza.elements()) {
          Route route = byNamespace.get(child.getNamespaceURI());
          if (route != null) {
            return route;
          }
        }
      }
      if (!byBody.isEmpty() && body != null) {
        for (Route route : byBody) {
          if (((Selector.Messages) route.spec().selector()).body().matcher(body).matches()) {
            return route;
          }
        }
      }
      return fallback;
    }
  }

  void add(Route route) {
    Selector selector = route.spec().selector();
    if (selector instanceof Selector.Iq s) {
      iq.computeIfAbsent(s.namespace(), ns -> new HashMap<>())
          .computeIfAbsent(s.element(), element -> new Route[2])[slot(s.type())] = route;
      iqNamespaces.add(s.namespace());
    } else if (selector instanceof Selector.Messages s) {
      for (Message.Type type : s.types()) {
        messages.computeIfAbsent(type, t -> new ByChild()).add(s.namespace(), route);
      }
    } else {
      Selector.Presences s = (Selector.Presences) selector;
      for (PresenceHandler.Type type : s.types()) {
        presences.computeIfAbsent(type, t -> new ByChild()).add(s.namespace(), route);
      }
    }
  }

  Route iq(IQ.Type type, Element child) {
    Map<String, Route[]> byElement = iq.get(child.getNamespaceURI());
    Route[] slots = byElement == null ? null : byElement.get(child.getName());
    return slots == null ? null : slots[slot(type)];
  }

  boolean handlesNamespace(String namespace) {
    return iqNamespaces.contains(namespace);
  }

  Route message(Message message) {
    ByChild routes = messages.get(MessageTypes.of(message));
    return routes == null ? null : routes.find(message.getElement(), routes.byBody.isEmpty() ? null : message.getBody());
  }

  Route presence(Presence presence) {
    PresenceHandler.Type type = typeOf(presence);
    ByChild routes = type == null ? null : presences.get(type);
    return routes == null ? null : routes.find(presence.getElement(), null);
  }

  /** A presence's type, {@code null} for an unknown one. */
  private static PresenceHandler.Type typeOf(Presence presence) {
    String type = Stanzas.attribute(presence.getElement(), "type");
    if (type == null) {
      return PresenceHandler.Type.AVAILABLE;
    }
    try {
      return PresenceHandler.Type.of(Presence.Type.valueOf(type));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  private static int slot(IQ.Type type) {
    return type == IQ.Type.get ? 0 : 1;
  }
}
