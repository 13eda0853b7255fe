/**
 * What a PubSub node is (XEP-0060): its configuration, affiliations, subscriptions with their options, and the
 * service's limits and errors. No I/O here: the store saves these, the service acts on them.
 */
package dev.kindling.pubsub.model;
