/**
 * The PubSub service's direct-mode benchmark (XEP-0060 over XEP-0114): the component alone in a child JVM, fed
 * and measured by this process playing the server. Start with {@link dev.kindling.bench.pubsub.PubSubBenchmark}.
 */
package dev.kindling.bench.pubsub;
