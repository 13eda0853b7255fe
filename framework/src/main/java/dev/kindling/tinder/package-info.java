/**
 * Runs components written against Tinder's {@code org.xmpp.component} API (as for Whack or Openfire) on
 * Kindling's connection, unmodified: {@link dev.kindling.tinder.TinderComponentHost} implements Tinder 2.1's
 * {@code ComponentManager} contract in external mode.
 */
package dev.kindling.tinder;
