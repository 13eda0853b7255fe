package dev.kindling.dispatch;

import dev.kindling.handler.OrderKey;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One handler method found at start-up: what it takes, at which address, whether it blocks and what orders its
 * stanzas.
 *
 * @param owner the handler class it was found on (the method may be inherited from a superclass)
 * @param method the annotated method
 * @param selector the stanzas it takes
 * @param blocking whether it runs on the blocking pool ({@link dev.kindling.handler.Blocking})
 * @param address the address it is bound to ({@link dev.kindling.handler.Address}), or {@code null} for the
 *     domain
 * @param order what orders its stanzas ({@link dev.kindling.handler.OrderedBy})
 */
public record HandlerSpec(Class<?> owner, Method method, Selector selector, boolean blocking, AddressKey address,
    OrderKey order) {
  /** This handler, running on the blocking pool or not. */
  public HandlerSpec withBlocking(boolean runsBlocking) {
    return new HandlerSpec(owner, method, selector, runsBlocking, address, order);
  }

  /** {@code Class.method(ParamType, …)}, for messages. */
  public String describe() {
    return describe(method);
  }

  /** {@code Class.method(ParamType, …)}, for messages. */
  public static String describe(Method method) {
    return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "("
        + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
  }
}
