package dev.kindling.disco;

import dev.kindling.dispatch.AddressKey;
import dev.kindling.dispatch.HandlerScanner;
import dev.kindling.dispatch.HandlerSpec;
import dev.kindling.dispatch.Selector;
import dev.kindling.handler.Address;
import dev.kindling.handler.Feature;
import dev.kindling.handler.Identity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The identities and features of the component's domain and of each address its handlers are bound to
 * ({@link Address}), derived once at start-up from its handler classes. No feature list is written by hand, so
 * none can drift from what the component handles.
 *
 * <p>The domain has the identities of the classes without {@code @Address}, and the features of every namespace
 * its handlers take and every {@link Feature}. An address has the identities of the classes bound to it and the
 * namespaces of the handlers bound to it, plus what every address answers: disco itself and the built-ins
 * (ping, version, …), which the domain's handlers answer for all its addresses.
 */
public final class DiscoInfo {
  /** The disco#info namespace. */
  public static final String INFO = "http://jabber.org/protocol/disco#info";
  /** The disco#items namespace. */
  public static final String ITEMS = "http://jabber.org/protocol/disco#items";

  private final EntityInfo domain;
  private final Map<AddressKey, EntityInfo> addresses;

  private DiscoInfo(EntityInfo domain, Map<AddressKey, EntityInfo> addresses) {
    this.domain = domain;
    this.addresses = Map.copyOf(addresses);
  }

  /**
   * Derives the identities and features of a component.
   *
   * @param everywhere the classes whose handlers serve every address of the domain (disco, the built-ins)
   * @param problems receives a problem if the domain has no identity
   */
  public static DiscoInfo describe(String component, List<Class<?>> classes, Set<Class<?>> everywhere,
      List<HandlerSpec> handlers, List<String> problems) {
    Map<AddressKey, List<DiscoIdentity>> identities = new HashMap<>();
    Map<AddressKey, TreeSet<String>> features = new HashMap<>();
    TreeSet<String> common = new TreeSet<>(List.of(INFO, ITEMS));
    List<DiscoIdentity> domainIdentities = new ArrayList<>();
    TreeSet<String> domainFeatures = new TreeSet<>(common);
    for (Class<?> type : classes) {
      AddressKey address = classAddress(type);
      List<DiscoIdentity> of = address == null ? domainIdentities
          : identities.computeIfAbsent(address, key -> new ArrayList<>());
      for (Identity identity : type.getAnnotationsByType(Identity.class)) {
        of.add(new DiscoIdentity(identity.category(), identity.type(), identity.name()));
      }
      Feature feature = type.getAnnotation(Feature.class);
      if (feature != null) {
        (address == null ? domainFeatures : features.computeIfAbsent(address, key -> new TreeSet<>()))
            .addAll(List.of(feature.value()));
      }
    }
    for (HandlerSpec handler : handlers) {
      String namespace = namespace(handler);
      if (handler.address() != null) {
        // Every address with a handler is an entity, whether or not the handler shows a feature.
        TreeSet<String> ofAddress = features.computeIfAbsent(handler.address(), key -> new TreeSet<>());
        if (namespace != null) {
          ofAddress.add(namespace);
        }
      } else if (namespace != null) {
        domainFeatures.add(namespace);
        if (everywhere.contains(handler.owner())) {
          common.add(namespace);
        }
      }
    }
    if (domainIdentities.isEmpty()) {
      problems.add(component + " has no identity: put @Identity(category = …, type = …) on one of its handler"
          + " classes (XEP-0030 requires at least one)");
    }
    Map<AddressKey, EntityInfo> addresses = new HashMap<>();
    Set<AddressKey> bound = new HashSet<>(identities.keySet());
    bound.addAll(features.keySet());
    for (AddressKey address : bound.stream().sorted(Comparator.comparing(AddressKey::toString)).toList()) {
      List<DiscoIdentity> own = identities.getOrDefault(address, List.of());
      if (own.isEmpty()) {
        own = identities.getOrDefault(address.anyResource(), List.of());
      }
      if (own.isEmpty()) {
        problems.add(component + ": the handlers at " + address + " have no identity: put @Address(local = \""
            + address.local() + "\") and @Identity(category = …, type = …) on a class of the component"
            + " (XEP-0030 §3.1: every entity has one)");
      }
      TreeSet<String> all = new TreeSet<>(common);
      all.addAll(features.getOrDefault(address, new TreeSet<>()));
      addresses.put(address, new EntityInfo(own, List.copyOf(all)));
    }
    return new DiscoInfo(new EntityInfo(domainIdentities, List.copyOf(domainFeatures)), addresses);
  }

  /** What the domain itself answers. */
  public EntityInfo domain() {
    return domain;
  }

  /**
   * What a bound address answers: that of its full address, else of its local part; empty for an address no
   * handler is bound to.
   */
  public Optional<EntityInfo> of(AddressKey address) {
    EntityInfo exact = addresses.get(address);
    return Optional.ofNullable(exact != null ? exact : addresses.get(address.anyResource()));
  }

  /** The identities of the domain. */
  public List<DiscoIdentity> identities() {
    return domain.identities();
  }

  /** The features of the domain, sorted. */
  public List<String> features() {
    return domain.features();
  }

  private static AddressKey classAddress(Class<?> type) {
    Address address = type.getAnnotation(Address.class);
    // A bad @Address is reported by the handler scan; here it only must not count twice.
    return address == null ? null : HandlerScanner.addressKey(address, type.getSimpleName(), new ArrayList<>());
  }

  /** The namespace a handler shows as a feature: an IQ's, or a message child's; presences show none. */
  private static String namespace(HandlerSpec handler) {
    if (handler.selector() instanceof Selector.Iq iq) {
      return iq.namespace();
    }
    if (handler.selector() instanceof Selector.Messages messages && !messages.namespace().isEmpty()) {
      return messages.namespace();
    }
    return null;
  }
}
