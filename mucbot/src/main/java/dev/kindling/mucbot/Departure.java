package dev.kindling.mucbot;

/** Why an occupant (or the bot) is no longer in a room, from the status codes of its last presence. */
public enum Departure {
  /** It left by itself. */
  LEFT,
  /** A moderator kicked it (307). */
  KICKED,
  /** An admin banned it (301). */
  BANNED,
  /** Its affiliation changed so that it may not stay (321), or the room became members-only (322). */
  REMOVED,
  /** The service is shutting down (332) or had a technical problem (333). */
  SERVICE_SHUTDOWN,
  /** The room was destroyed. */
  ROOM_DESTROYED
}
