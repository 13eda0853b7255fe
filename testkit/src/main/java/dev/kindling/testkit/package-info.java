/**
 * Test support for Kindling components: throwaway Prosody and ejabberd servers (Debian's packages) started on
 * loopback by a JUnit 5 extension, with component ports, test users and a MUC service, and Smack clients
 * that log in to them; a throwaway PostgreSQL for SQL stores.
 *
 * <p>Start with {@link dev.kindling.testkit.XmppServerTest}, or {@link dev.kindling.testkit.PostgresServer}.
 */
package dev.kindling.testkit;
