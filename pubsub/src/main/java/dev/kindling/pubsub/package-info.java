/**
 * Kindling's PubSub service (XEP-0060): a component that serves publish-subscribe nodes for a domain such as
 * {@code pubsub.example.org}, kept in H2 or PostgreSQL. {@link dev.kindling.pubsub.PubSubModule} declares it;
 * {@link dev.kindling.pubsub.PubSubKeys} lists its configuration.
 */
package dev.kindling.pubsub;
