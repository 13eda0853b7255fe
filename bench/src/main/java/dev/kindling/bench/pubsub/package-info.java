/**
 * The PubSub service's benchmarks (XEP-0060): in direct mode, the component alone in a child JVM, fed and
 * measured by this process playing the server (start with {@link dev.kindling.bench.pubsub.PubSubBenchmark});
 * and through Prosody and ejabberd against each server's own pubsub, with lean clients (XEP-0114 for the
 * component, RFC 6120 for the clients; {@link dev.kindling.bench.pubsub.ServerPubSubBenchmark}).
 */
package dev.kindling.bench.pubsub;
