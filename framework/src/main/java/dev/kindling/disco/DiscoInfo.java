package dev.kindling.disco;

import dev.kindling.dispatch.HandlerSpec;
import dev.kindling.dispatch.Selector;
import dev.kindling.handler.Feature;
import dev.kindling.handler.Identity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The component's own identities and features, derived once at start-up from its handler classes.
 *
 * @param identities from every {@link Identity} on the classes
 * @param features every namespace a handler takes, every {@link Feature}, and disco#info and disco#items, sorted
 */
public record DiscoInfo(List<DiscoIdentity> identities, Set<String> features) {
  /** The disco#info namespace. */
  public static final String INFO = "http://jabber.org/protocol/disco#info";
  /** The disco#items namespace. */
  public static final String ITEMS = "http://jabber.org/protocol/disco#items";

  /** Copies the collections. */
  public DiscoInfo {
    identities = List.copyOf(identities);
    features = Collections.unmodifiableSortedSet(new TreeSet<>(features));
  }

  /**
   * Derives the identities and features of a component.
   *
   * @param problems receives a problem if no class declares an identity
   */
  public static DiscoInfo describe(String component, List<Class<?>> classes, List<HandlerSpec> handlers,
      List<String> problems) {
    List<DiscoIdentity> identities = new ArrayList<>();
    TreeSet<String> features = new TreeSet<>(List.of(INFO, ITEMS));
    for (Class<?> type : classes) {
      for (Identity identity : type.getAnnotationsByType(Identity.class)) {
        identities.add(new DiscoIdentity(identity.category(), identity.type(), identity.name()));
      }
      Feature feature = type.getAnnotation(Feature.class);
      if (feature != null) {
        features.addAll(List.of(feature.value()));
      }
    }
    for (HandlerSpec handler : handlers) {
      if (handler.selector() instanceof Selector.Iq iq) {
        features.add(iq.namespace());
      } else if (handler.selector() instanceof Selector.Messages messages && !messages.namespace().isEmpty()) {
        features.add(messages.namespace());
      }
    }
    if (identities.isEmpty()) {
      problems.add(component + " has no identity: put @Identity(category = …, type = …) on one of its handler"
          + " classes (XEP-0030 requires at least one)");
    }
    return new DiscoInfo(identities, features);
  }
}
