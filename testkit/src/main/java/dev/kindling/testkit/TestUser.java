package dev.kindling.testkit;

/**
 * An account registered on a test server.
 *
 * @param username the local part
 * @param password the password
 * @param domain the server's domain
 */
public record TestUser(String username, String password, String domain) {
  /** The bare JID, {@code username@domain}. */
  public String jid() {
    return username + "@" + domain;
  }
}
