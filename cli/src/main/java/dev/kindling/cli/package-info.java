/**
 * The {@code kindling} command line (Picocli): {@code check} a server's component port and secret, run the
 * {@code echo} sample against a server, and run the {@code demo} on a throwaway local Prosody.
 */
package dev.kindling.cli;
