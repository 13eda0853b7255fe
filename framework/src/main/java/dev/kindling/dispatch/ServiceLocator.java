package dev.kindling.dispatch;

import java.lang.reflect.Parameter;
import java.util.function.Supplier;

/**
 * Supplies the handler parameters that are not taken from the stanza (services, {@link
 * dev.kindling.handler.Outbound}, configuration): in a running component, Guice.
 */
@FunctionalInterface
public interface ServiceLocator {
  /**
   * A supplier of values for {@code parameter}, asked once at start-up and then once per call.
   *
   * @throws IllegalArgumentException saying why no value can be supplied
   */
  Supplier<?> supplierFor(Parameter parameter);
}
