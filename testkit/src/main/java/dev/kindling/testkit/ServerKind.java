package dev.kindling.testkit;

/** The XMPP servers the test kit can start. */
public enum ServerKind {
  /** Prosody 0.12, Debian package {@code prosody}. */
  PROSODY("prosody"),
  /** ejabberd 23.01, Debian package {@code ejabberd}. */
  EJABBERD("ejabberd");

  private final String displayName;

  ServerKind(String displayName) {
    this.displayName = displayName;
  }

  /** The server's name in lower case, as in test names and logs. */
  public String displayName() {
    return displayName;
  }
}
