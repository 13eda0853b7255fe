/**
 * Handlers every component has unless switched off, written with the same annotations as any component:
 * XEP-0199 ping, XEP-0092 software version, XEP-0202 entity time, XEP-0012 last activity (the component's
 * uptime).
 */
package dev.kindling.builtin;
