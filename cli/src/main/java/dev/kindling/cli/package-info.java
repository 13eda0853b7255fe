/**
 * The {@code kindling} command line (Picocli): {@code check} a server's component port and secret, {@code run}
 * components against a server, run the {@code demo} on a throwaway local Prosody, and write a {@code new}
 * component project.
 */
package dev.kindling.cli;
