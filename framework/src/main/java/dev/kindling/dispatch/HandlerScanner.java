package dev.kindling.dispatch;

import dev.kindling.handler.Address;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.OrderKey;
import dev.kindling.handler.OrderedBy;
import dev.kindling.handler.Payload;
import dev.kindling.handler.PresenceHandler;
import dev.kindling.handler.To;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

/**
 * Reads the handler annotations of a component's classes and checks them: one annotation per method, sound
 * selectors and addresses, allowed return types, parameters that fit the stanza, and no two handlers for the
 * same stanzas at the same address.
 * Every problem is collected; none is thrown on the first.
 */
public final class HandlerScanner {
  private final List<String> problems = new ArrayList<>();
  private final Map<String, HandlerSpec> claimed = new HashMap<>();

  /** The result of a scan: the handlers found sound, and what is wrong with the others. */
  public record Result(List<HandlerSpec> handlers, List<String> problems) {}

  /** Scans {@code classes}. */
  public static Result scan(List<Class<?>> classes) {
    HandlerScanner scanner = new HandlerScanner();
    List<HandlerSpec> handlers = new ArrayList<>();
    for (Class<?> type : classes) {
      methods(type).forEach(method -> scanner.read(type, method, handlers));
    }
    return new Result(List.copyOf(handlers), List.copyOf(scanner.problems));
  }

  /**
   * The methods {@code type} declares and inherits from its superclasses, sorted by name within each class, so
   * that a handler written in a base class counts.
   */
  public static List<Method> methods(Class<?> type) {
    List<Method> methods = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      Arrays.stream(c.getDeclaredMethods()).filter(method -> !method.isSynthetic())
          .sorted(Comparator.comparing(Method::getName)).forEach(methods::add);
    }
    return methods;
  }

  private void read(Class<?> owner, Method method, List<HandlerSpec> handlers) {
    IqHandler iq = method.getAnnotation(IqHandler.class);
    MessageHandler message = method.getAnnotation(MessageHandler.class);
    PresenceHandler presence = method.getAnnotation(PresenceHandler.class);
    int annotations = (iq == null ? 0 : 1) + (message == null ? 0 : 1) + (presence == null ? 0 : 1);
    if (annotations == 0) {
      return;
    }
    String where = HandlerSpec.describe(method);
    if (annotations > 1) {
      problems.add(where + ": has more than one of @IqHandler, @MessageHandler, @PresenceHandler");
      return;
    }
    if (Modifier.isStatic(method.getModifiers())) {
      problems.add(where + ": is static; handler methods belong to an instance that Guice creates");
      return;
    }
    Selector selector = iq != null ? iqSelector(iq, where) : message != null ? messageSelector(message, where)
        : presenceSelector(presence, where);
    if (selector == null) {
      return;
    }
    int before = problems.size();
    HandlerSpec spec = new HandlerSpec(owner, method, selector, method.isAnnotationPresent(Blocking.class),
        address(owner, method, where), order(owner, method));
    checkReturnType(spec);
    checkPacketParameters(spec);
    claim(spec);
    if (problems.size() == before) {
      // Only sound handlers go on to have their parameters supplied, which would report the same fault again.
      handlers.add(spec);
    }
  }

  /**
   * The address of the method's or else its handler class's {@link Address} (the class scanned, which may inherit
   * the method), prepared; {@code null} for the domain.
   */
  private AddressKey address(Class<?> owner, Method method, String where) {
    Address address = method.getAnnotation(Address.class);
    if (address == null) {
      address = owner.getAnnotation(Address.class);
    }
    return address == null ? null : addressKey(address, where, problems);
  }

  /**
   * The prepared address an {@link Address} names, or {@code null} after adding a problem naming {@code where}.
   */
  public static AddressKey addressKey(Address address, String where, List<String> problems) {
    try {
      String local = JID.nodeprep(address.local());
      if (local == null || local.isEmpty()) {
        problems.add(where + ": @Address needs a local part");
        return null;
      }
      String resource = address.resource().isEmpty() ? null : JID.resourceprep(address.resource());
      return new AddressKey(local, resource);
    } catch (IllegalArgumentException e) {
      problems.add(where + ": @Address(local = \"" + address.local() + "\", resource = \"" + address.resource()
          + "\") is not a valid JID local part and resource: " + e.getMessage());
      return null;
    }
  }

  private static OrderKey order(Class<?> owner, Method method) {
    OrderedBy order = method.getAnnotation(OrderedBy.class);
    if (order == null) {
      order = owner.getAnnotation(OrderedBy.class);
    }
    return order == null ? OrderKey.SENDER : order.value();
  }

  private Selector iqSelector(IqHandler iq, String where) {
    boolean ok = true;
    if (iq.element().isBlank()) {
      problems.add(where + ": @IqHandler needs an element name");
      ok = false;
    }
    if (iq.namespace().isBlank()) {
      problems.add(where + ": @IqHandler needs a namespace");
      ok = false;
    }
    if (iq.type() != IQ.Type.get && iq.type() != IQ.Type.set) {
      problems.add(where + ": @IqHandler type must be get or set, not " + iq.type()
          + " (answers to requests complete Outbound.request futures)");
      ok = false;
    }
    return ok ? new Selector.Iq(iq.element(), iq.namespace(), iq.type()) : null;
  }

  private Selector messageSelector(MessageHandler message, String where) {
    if (message.type().length == 0) {
      problems.add(where + ": @MessageHandler needs at least one type");
      return null;
    }
    if (!message.namespace().isEmpty() && !message.body().isEmpty()) {
      problems.add(where + ": @MessageHandler takes a namespace or a body pattern, not both");
      return null;
    }
    Pattern body = null;
    if (!message.body().isEmpty()) {
      try {
        body = Pattern.compile(message.body(), Pattern.DOTALL);
      } catch (PatternSyntaxException e) {
        problems.add(where + ": @MessageHandler body is not a regular expression: " + e.getDescription());
        return null;
      }
    }
    return new Selector.Messages(Set.copyOf(EnumSet.copyOf(Arrays.asList(message.type()))), message.namespace(), body);
  }

  private Selector presenceSelector(PresenceHandler presence, String where) {
    if (presence.value().length == 0) {
      problems.add(where + ": @PresenceHandler needs at least one type");
      return null;
    }
    return new Selector.Presences(Set.copyOf(EnumSet.copyOf(Arrays.asList(presence.value()))), presence.namespace());
  }

  private void checkReturnType(HandlerSpec spec) {
    Class<?> returned = spec.method().getReturnType();
    if (returned == void.class || CompletionStage.class.isAssignableFrom(returned)) {
      return;
    }
    boolean iq = spec.selector() instanceof Selector.Iq;
    boolean allowed = iq
        ? IQ.class.isAssignableFrom(returned) || Element.class.isAssignableFrom(returned)
            || Payload.class.isAssignableFrom(returned)
        : Packet.class.isAssignableFrom(returned);
    if (!allowed) {
      problems.add(spec.describe() + ": returns " + returned.getSimpleName() + "; "
          + (iq ? "an IQ handler returns void, IQ, Element, Payload or a CompletionStage of one"
              : "a message or presence handler returns void, a Packet or a CompletionStage of one"));
    }
  }

  /**
   * Packet-typed parameters must fit the stanza; an Element needs a namespace to pick the child by; {@code @To}
   * goes on a JID.
   */
  private void checkPacketParameters(HandlerSpec spec) {
    for (Parameter p : spec.method().getParameters()) {
      Class<?> parameter = p.getType();
      if (Packet.class.isAssignableFrom(parameter) && !parameter.isAssignableFrom(spec.selector().packetType())) {
        problems.add(spec.describe() + ": takes a " + parameter.getSimpleName() + " but receives a "
            + spec.selector().packetType().getSimpleName());
      }
      if (p.isAnnotationPresent(To.class) && parameter != JID.class) {
        problems.add(spec.describe() + ": @To marks a " + parameter.getSimpleName() + "; it goes on a JID parameter");
      }
      if (parameter == Element.class && spec.selector() instanceof Selector.Messages messages
          && messages.namespace().isEmpty()) {
        problems.add(spec.describe() + ": takes an Element, which needs the @MessageHandler namespace to choose it");
      }
      if (parameter == Element.class && spec.selector() instanceof Selector.Presences presences
          && presences.namespace().isEmpty()) {
        problems.add(spec.describe() + ": takes an Element, which needs the @PresenceHandler namespace to choose it");
      }
    }
  }

  /** Records what the handler takes, reporting any other handler that already takes the same stanzas. */
  private void claim(HandlerSpec spec) {
    String at = spec.address() == null ? "" : " sent to " + spec.address();
    for (String key : keys(spec.selector())) {
      HandlerSpec previous = claimed.putIfAbsent(key + at, spec);
      if (previous != null) {
        problems.add(spec.describe() + ": handles " + key + at + ", as " + previous.describe() + " already does");
      }
    }
  }

  private static List<String> keys(Selector selector) {
    if (selector instanceof Selector.Iq iq) {
      return List.of("IQ " + iq.type() + " <" + iq.element() + " xmlns='" + iq.namespace() + "'>");
    }
    if (selector instanceof Selector.Messages m) {
      return m.types().stream().sorted().map(type -> "messages of type " + type
          + (m.namespace().isEmpty() ? "" : " with <… xmlns='" + m.namespace() + "'>")
          + (m.body() == null ? "" : " with a body matching " + m.body().pattern())).toList();
    }
    Selector.Presences p = (Selector.Presences) selector;
    return p.types().stream().sorted().map(type -> "presence of type " + type
        + (p.namespace().isEmpty() ? "" : " with <… xmlns='" + p.namespace() + "'>")).toList();
  }
}
