package dev.kindling.mucbot;

import java.util.Locale;

/** An occupant's role in a room (XEP-0045 §5.1): what it may do while it is there. */
public enum Role {
  MODERATOR, PARTICIPANT, VISITOR, NONE;

  /** The role named {@code name} as XEP-0045 writes it ({@code participant}); {@link #NONE} when unknown. */
  public static Role of(String name) {
    for (Role role : values()) {
      if (role.xmlName().equals(name)) {
        return role;
      }
    }
    return NONE;
  }

  /** The name as XEP-0045 writes it. */
  public String xmlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
