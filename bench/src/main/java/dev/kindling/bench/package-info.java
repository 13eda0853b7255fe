/** JMH benchmarks of Kindling's own stanza path, with no server and no socket. */
package dev.kindling.bench;
