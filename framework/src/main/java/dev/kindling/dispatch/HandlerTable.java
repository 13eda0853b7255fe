package dev.kindling.dispatch;

import dev.kindling.handler.PresenceHandler;
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
 * The routing table of one component, built once at start-up and never changed: looking a stanza up is a hash
 * probe or two, with no allocation.
 */
public final class HandlerTable {
  /** IQ routes by namespace, then element name; each slot holds the get and set routes. */
  private final Map<String, Map<String, Route[]>> iq = new HashMap<>();
  private final Map<Message.Type, MessageRoutes> messages = new EnumMap<>(Message.Type.class);
  private final Map<PresenceHandler.Type, Route> presences = new EnumMap<>(PresenceHandler.Type.class);
  private final Set<String> iqNamespaces = new HashSet<>();

  /** Message routes of one type, in the order they are tried. */
  private static final class MessageRoutes {
    final Map<String, Route> byNamespace = new HashMap<>();
    final List<Route> byBody = new ArrayList<>();
    Route fallback;
  }

  /** Builds the table from routes whose selectors the {@link HandlerScanner} has checked for clashes. */
  public HandlerTable(List<Route> routes) {
    for (Route route : routes) {
      Selector selector = route.spec().selector();
      if (selector instanceof Selector.Iq s) {
        iq.computeIfAbsent(s.namespace(), ns -> new HashMap<>())
            .computeIfAbsent(s.element(), element -> new Route[2])[slot(s.type())] = route;
        iqNamespaces.add(s.namespace());
      } else if (selector instanceof Selector.Messages s) {
        for (Message.Type type : s.types()) {
          MessageRoutes routesOfType = messages.computeIfAbsent(type, t -> new MessageRoutes());
          if (!s.namespace().isEmpty()) {
            routesOfType.byNamespace.put(s.namespace(), route);
          } else if (s.body() != null) {
            routesOfType.byBody.add(route);
          } else {
            routesOfType.fallback = route;
          }
        }
      } else {
        for (PresenceHandler.Type type : ((Selector.Presences) selector).types()) {
          presences.put(type, route);
        }
      }
    }
  }

  /** The handler for an IQ get or set with this child, or {@code null}. */
  public Route iq(IQ.Type type, Element child) {
    Map<String, Route[]> byElement = iq.get(child.getNamespaceURI());
    Route[] slots = byElement == null ? null : byElement.get(child.getName());
    return slots == null ? null : slots[slot(type)];
  }

  /** Whether some handler takes IQs in {@code namespace}: then an unhandled IQ there is feature-not-implemented. */
  public boolean handlesNamespace(String namespace) {
    return iqNamespaces.contains(namespace);
  }

  /** The handler for a message: by child namespace, then body pattern, then the catch-all; or {@code null}. */
  public Route message(Message message) {
    MessageRoutes routes = messages.get(typeOf(message));
    if (routes == null) {
      return null;
    }
    if (!routes.byNamespace.isEmpty()) {
      for (Element child : message.getElement().elements()) {
        Route route = routes.byNamespace.get(child.getNamespaceURI());
        if (route != null) {
          return route;
        }
      }
    }
    if (!routes.byBody.isEmpty()) {
      String body = message.getBody();
      if (body != null) {
        for (Route route : routes.byBody) {
          if (((Selector.Messages) route.spec().selector()).body().matcher(body).matches()) {
            return route;
          }
        }
      }
    }
    return routes.fallback;
  }

  /** The handler for a presence, or {@code null} (also for a presence of unknown type). */
  public Route presence(Presence presence) {
    String type = presence.getElement().attributeValue("type");
    if (type == null) {
      return presences.get(PresenceHandler.Type.AVAILABLE);
    }
    try {
      return presences.get(PresenceHandler.Type.of(Presence.Type.valueOf(type)));
    } catch (IllegalArgumentException unknown) {
      return null;
    }
  }

  /**
   * A message's type; an absent or unknown one is {@code normal} (RFC 6121 §5.2.2), where Tinder's
   * {@code getType()} would throw.
   */
  public static Message.Type typeOf(Message message) {
    String type = message.getElement().attributeValue("type");
    if (type == null) {
      return Message.Type.normal;
    }
    try {
      return Message.Type.valueOf(type);
    } catch (IllegalArgumentException unknown) {
      return Message.Type.normal;
    }
  }

  private static int slot(IQ.Type type) {
    return type == IQ.Type.get ? 0 : 1;
  }
}
