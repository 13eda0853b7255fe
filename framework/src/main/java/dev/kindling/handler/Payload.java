package dev.kindling.handler;

import org.dom4j.Element;

/**
 * A typed value a handler returns as the child of its IQ result (or of its message), turned into XML once
 * when the reply is built.
 */
@FunctionalInterface
public interface Payload {
  /** The value as an element in its own namespace. */
  Element toElement();
}
