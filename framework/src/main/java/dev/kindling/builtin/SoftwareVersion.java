package dev.kindling.builtin;

import java.util.Objects;

/**
 * What the component answers to XEP-0092 software version requests. The operating system is left out unless
 * given: it tells an attacker more than it helps a user (XEP-0092 §5).
 *
 * @param name the software's name
 * @param version its version
 * @param os the operating system, or {@code null} to leave it out
 */
public record SoftwareVersion(String name, String version, String os) {
  /** Checks name and version are present. */
  public SoftwareVersion {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
  }

  /** Kindling itself, in the version of the framework jar. */
  public static SoftwareVersion kindling() {
    String version = SoftwareVersion.class.getPackage().getImplementationVersion();
    return new SoftwareVersion("Kindling", version == null ? "development" : version, null);
  }
}
