/**
 * The echo component: replies to every message with its body and answers XEP-0199 pings. Written as a plain
 * Tinder {@link org.xmpp.component.AbstractComponent}, hosted by {@link dev.kindling.tinder.TinderComponentHost}.
 */
package dev.kindling.samples.echo;
