package dev.kindling.pubsub.store;

/**
 * An item as the database holds it.
 *
 * @param id the item id
 * @param publisher the full JID that published it
 * @param publishedAt when, in epoch milliseconds
 * @param payload the payload element serialised, or {@code null} for an item without one
 */
public record StoredItem(String id, String publisher, long publishedAt, String payload) {}
