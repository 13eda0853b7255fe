/**
 * The echo component written against Tinder's {@link org.xmpp.component.AbstractComponent}, as for Whack or
 * Openfire: it shows that such components run unmodified on Kindling through
 * {@link dev.kindling.tinder.TinderComponentHost}.
 */
package dev.kindling.samples.tinder;
