/**
 * The Java peers of the comparison, each a process of its own attached as an external component: Kindling with
 * annotated handlers, Kindling hosting a Tinder {@code AbstractComponent}, and the ceiling component. Each takes
 * {@code host port domain secret [workMicros]} and prints {@code READY} once connected.
 */
package dev.kindling.bench.peers;
