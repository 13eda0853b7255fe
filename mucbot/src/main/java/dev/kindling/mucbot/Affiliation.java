package dev.kindling.mucbot;

import java.util.Locale;

/** A user's affiliation with a room (XEP-0045 §5.2): what it is to the room beyond one visit. */
public enum Affiliation {
  OWNER, ADMIN, MEMBER, OUTCAST, NONE;

  /** The affiliation named {@code name} as XEP-0045 writes it ({@code member}); {@link #NONE} when unknown. */
  public static Affiliation of(String name) {
    for (Affiliation affiliation : values()) {
      if (affiliation.xmlName().equals(name)) {
        return affiliation;
      }
    }
    return NONE;
  }

  /** The name as XEP-0045 writes it. */
  public String xmlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
