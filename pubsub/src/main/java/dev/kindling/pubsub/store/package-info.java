/**
 * Where the PubSub service keeps its state: H2 or PostgreSQL through a connection pool, the schema migrated by
 * Flyway, every change committed in groups by one writer before it is answered.
 */
package dev.kindling.pubsub.store;
