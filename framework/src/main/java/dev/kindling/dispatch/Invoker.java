package dev.kindling.dispatch;

import dev.kindling.handler.StanzaErrorException;
import dev.kindling.handler.To;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.function.Supplier;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Calls one handler method with the arguments its parameters ask for, through a method handle of type
 * {@code (Packet)Object} composed once at start-up: no reflection and no argument array per call.
 */
public final class Invoker {
  private static final MethodHandles.Lookup LOOKUP = MethodHandles.lookup();
  private static final MethodHandle GET_FROM = find(Packet.class, "getFrom", MethodType.methodType(JID.class));
  private static final MethodHandle GET_TO = find(Packet.class, "getTo", MethodType.methodType(JID.class));
  private static final MethodHandle IQ_CHILD =
      find(IQ.class, "getChildElement", MethodType.methodType(Element.class));
  private static final MethodHandle CHILD_IN;
  private static final MethodHandle REFUSE_PAYLOAD;
  private static final MethodHandle SUPPLIER_GET =
      find(Supplier.class, "get", MethodType.methodType(Object.class));

  static {
    try {
      CHILD_IN = LOOKUP.findStatic(Invoker.class, "childIn",
          MethodType.methodType(Element.class, Packet.class, String.class));
      REFUSE_PAYLOAD = LOOKUP.findStatic(Invoker.class, "refusePayload",
          MethodType.methodType(Object.class, String.class, RuntimeException.class, Element.class));
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final MethodHandle handle;

  private Invoker(MethodHandle handle) {
    this.handle = handle;
  }

  /**
   * Binds {@code spec}'s method on {@code instance}.
   *
   * @param problems receives a sentence for each parameter that cannot be supplied, naming it and why
   * @return the invoker, or {@code null} if a problem was added
   */
  public static Invoker bind(HandlerSpec spec, Object instance, ServiceLocator services, List<String> problems) {
    Method method = spec.method();
    method.setAccessible(true);
    MethodHandle target;
    try {
      target = LOOKUP.unreflect(method).bindTo(instance);
    } catch (IllegalAccessException e) {
      problems.add(spec.describe() + ": cannot be called: " + e.getMessage());
      return null;
    }
    Parameter[] parameters = method.getParameters();
    if (parameters.length == 0) {
      return new Invoker(adapt(MethodHandles.dropArguments(target, 0, Packet.class)));
    }
    MethodHandle[] filters = new MethodHandle[parameters.length];
    int before = problems.size();
    for (int i = 0; i < parameters.length; i++) {
      filters[i] = argument(spec, parameters[i], i, services, problems);
    }
    if (problems.size() > before) {
      return null;
    }
    MethodHandle filtered = MethodHandles.filterArguments(target, 0, filters);
    MethodHandle single = MethodHandles.permuteArguments(filtered,
        MethodType.methodType(filtered.type().returnType(), Packet.class), new int[parameters.length]);
    return new Invoker(adapt(single));
  }

  /** Calls the handler for {@code packet}, returning what it returned ({@code null} for void). */
  public Object invoke(Packet packet) throws Throwable {
    return (Object) handle.invokeExact(packet);
  }

  private static MethodHandle adapt(MethodHandle handle) {
    return handle.asType(MethodType.methodType(Object.class, Packet.class));
  }

  /**
   * A handle of type {@code (Packet)ParameterType} producing the argument for {@code parameter}, the
   * {@code index}th; or {@code null} after adding a problem.
   */
  private static MethodHandle argument(HandlerSpec spec, Parameter parameter, int index, ServiceLocator services,
      List<String> problems) {
    Class<?> type = parameter.getType();
    if (qualifier(parameter) != null) {
      return injected(spec, parameter, index, services, problems);
    }
    if (Packet.class.isAssignableFrom(type)) {
      return MethodHandles.identity(Packet.class).asType(MethodType.methodType(type, Packet.class));
    }
    if (type == JID.class) {
      return parameter.isAnnotationPresent(To.class) ? GET_TO : GET_FROM;
    }
    MethodHandle child = childElement(spec.selector());
    if (type == Element.class && child != null) {
      return child;
    }
    MethodHandle factory = payloadFactory(type);
    if (factory != null && child != null) {
      return MethodHandles.filterArguments(badRequestOnFailure(factory, type), 0, child);
    }
    return injected(spec, parameter, index, services, problems);
  }

  /**
   * The qualifier, such as {@code @Named}, that marks the parameter as a service whatever its type, or
   * {@code null}.
   */
  public static java.lang.annotation.Annotation qualifier(Parameter parameter) {
    for (java.lang.annotation.Annotation annotation : parameter.getAnnotations()) {
      Class<?> type = annotation.annotationType();
      if (type.isAnnotationPresent(jakarta.inject.Qualifier.class)
          || type.isAnnotationPresent(com.google.inject.BindingAnnotation.class)) {
        return annotation;
      }
    }
    return null;
  }

  /** A handle that asks {@code services} for the parameter's value, or {@code null} after adding a problem. */
  private static MethodHandle injected(HandlerSpec spec, Parameter parameter, int index, ServiceLocator services,
      List<String> problems) {
    Class<?> type = parameter.getType();
    Supplier<?> supplier;
    try {
      supplier = services.supplierFor(parameter);
    } catch (IllegalArgumentException e) {
      // Without -parameters the name is arg0, arg1…: the position says more.
      String name = parameter.isNamePresent() ? parameter.getName() : Integer.toString(index + 1);
      problems.add(spec.describe() + ": cannot supply parameter " + name + " of type "
          + parameter.getParameterizedType().getTypeName() + ": " + e.getMessage());
      return null;
    }
    MethodHandle get = SUPPLIER_GET.bindTo(supplier).asType(MethodType.methodType(type));
    return MethodHandles.dropArguments(get, 0, Packet.class);
  }

  private static MethodHandle childElement(Selector selector) {
    if (selector instanceof Selector.Iq) {
      return IQ_CHILD.asType(MethodType.methodType(Element.class, Packet.class));
    }
    String namespace = selector instanceof Selector.Messages messages ? messages.namespace()
        : selector instanceof Selector.Presences presences ? presences.namespace() : "";
    return namespace.isEmpty() ? null : MethodHandles.insertArguments(CHILD_IN, 1, namespace);
  }

  /** {@code factory}, whose failure on a malformed payload answers {@code bad-request} rather than a crash. */
  private static MethodHandle badRequestOnFailure(MethodHandle factory, Class<?> type) {
    MethodHandle refuse = MethodHandles.insertArguments(REFUSE_PAYLOAD, 0, type.getSimpleName())
        .asType(MethodType.methodType(type, RuntimeException.class, Element.class));
    return MethodHandles.catchException(factory, RuntimeException.class, refuse);
  }

  private static Object refusePayload(String type, RuntimeException failure, Element element) {
    if (failure instanceof StanzaErrorException error) {
      throw error;
    }
    throw new StanzaErrorException(PacketError.Condition.bad_request,
        "not a valid " + type + ": " + failure.getMessage());
  }

  /** A public static {@code from(Element)} or public constructor taking an {@code Element}, or {@code null}. */
  private static MethodHandle payloadFactory(Class<?> type) {
    try {
      Method from = type.getMethod("from", Element.class);
      if (Modifier.isStatic(from.getModifiers()) && type.isAssignableFrom(from.getReturnType())) {
        return LOOKUP.unreflect(from).asType(MethodType.methodType(type, Element.class));
      }
    } catch (NoSuchMethodException | IllegalAccessException e) {
      // not a factory; try a constructor
    }
    for (Constructor<?> constructor : List.of(type.getConstructors())) {
      if (constructor.getParameterCount() == 1 && constructor.getParameterTypes()[0] == Element.class) {
        try {
          return LOOKUP.unreflectConstructor(constructor);
        } catch (IllegalAccessException e) {
          return null;
        }
      }
    }
    return null;
  }

  /** The first child of {@code packet}'s element in {@code namespace}, or {@code null}. */
  private static Element childIn(Packet packet, String namespace) {
    for (Element child : packet.getElement().elements()) {
      if (namespace.equals(child.getNamespaceURI())) {
        return child;
      }
    }
    return null;
  }

  private static MethodHandle find(Class<?> owner, String name, MethodType type) {
    try {
      return LOOKUP.findVirtual(owner, name, type);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
