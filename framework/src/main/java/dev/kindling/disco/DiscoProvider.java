package dev.kindling.disco;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Adds to the component's service discovery answers (XEP-0030): info about nodes, about addresses of the
 * domain (a bot's JID), extended information about the component (XEP-0128), and items. Implement it on any of
 * the component's handler classes; every method has a default that adds nothing.
 *
 * <p>The answer to a request is what Kindling derives from the handlers (for the domain and for addresses bound
 * with {@link dev.kindling.handler.Address}) together with what every provider returns for it; a disco#info
 * request that nothing answers (an unknown node or address) gets {@code item-not-found}. A provider may throw
 * {@link dev.kindling.handler.StanzaErrorException} ({@code forbidden}, say) to answer with that error.
 *
 * <p>Providers are called on handler threads, possibly at once. One that blocks (a database query) marks its
 * method {@link dev.kindling.handler.Blocking}: the component's disco requests then run on the blocking pool.
 * One that waits for something else overrides {@link #infoAsync} or {@link #itemsAsync} and returns a future.
 */
public interface DiscoProvider {
  /** What this provider knows of the entity or node asked for, if anything. */
  default Optional<EntityInfo> info(DiscoQuery query) {
    return Optional.empty();
  }

  /** Items for a disco#items request (of the entity, or of {@code query.node()}). */
  default List<DiscoItem> items(DiscoQuery query) {
    return List.of();
  }

  /** {@link #info}, as a future; override this instead to answer without holding a thread. */
  default CompletionStage<Optional<EntityInfo>> infoAsync(DiscoQuery query) {
    return CompletableFuture.completedFuture(info(query));
  }

  /** {@link #items}, as a future; override this instead to answer without holding a thread. */
  default CompletionStage<List<DiscoItem>> itemsAsync(DiscoQuery query) {
    return CompletableFuture.completedFuture(items(query));
  }
}
