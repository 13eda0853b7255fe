/**
 * The concierge sample: an XEP-0050 ad-hoc command with a two-stage form that sends an announcement, and a
 * message handler that asks another entity for its XEP-0092 software version with {@code Outbound.request}.
 */
package dev.kindling.samples.concierge;
