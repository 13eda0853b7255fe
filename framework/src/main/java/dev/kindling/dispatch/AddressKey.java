package dev.kindling.dispatch;

import java.util.Objects;

/**
 * An address of the component's domain that handlers are bound to with {@link dev.kindling.handler.Address}:
 * a prepared local part, and a resource or {@code null} for every resource (and the bare address).
 *
 * @param local the local part, prepared (lower case)
 * @param resource the resource, or {@code null}
 */
public record AddressKey(String local, String resource) {
  /** Checks the local part is there. */
  public AddressKey {
    Objects.requireNonNull(local, "local");
  }

  /** The key for every resource of this local part. */
  public AddressKey anyResource() {
    return resource == null ? this : new AddressKey(local, null);
  }

  /** {@code local@} or {@code local@/resource}, as in messages. */
  @Override
  public String toString() {
    return local + "@" + (resource == null ? "" : "/" + resource);
  }
}
