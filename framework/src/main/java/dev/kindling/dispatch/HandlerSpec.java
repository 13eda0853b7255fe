package dev.kindling.dispatch;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One handler method found at start-up: what it takes and whether it blocks.
 *
 * @param method the annotated method
 * @param selector the stanzas it takes
 * @param blocking whether it runs on the blocking pool ({@link dev.kindling.handler.Blocking})
 */
public record HandlerSpec(Method method, Selector selector, boolean blocking) {
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
