/**
 * What lives as long as a component: {@link dev.kindling.lifecycle.ComponentService}s started before the first
 * stanza and stopped after the last, and the {@link dev.kindling.lifecycle.ConnectionEvents} of its connection
 * (authenticated after every reconnection, disconnected, closed), for services that must act on them.
 */
package dev.kindling.lifecycle;
