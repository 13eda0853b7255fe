package dev.kindling.disco;

import java.util.List;

/**
 * The component's handler instances that implement {@link DiscoProvider}, in the order of its handler classes.
 *
 * @param all the providers
 */
public record DiscoProviders(List<DiscoProvider> all) {
  /** Copies the list. */
  public DiscoProviders {
    all = List.copyOf(all);
  }
}
