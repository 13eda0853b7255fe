package dev.kindling.pubsub.service;

/** The service's fixed bounds, which the configuration does not change. */
final class Limits {
  /**
   * The longest node or item id: with the other columns of their keys they stay within what a PostgreSQL index
   * entry may hold (about 2.7 kB).
   */
  static final int MAX_ID_LENGTH = 256;
  /** Publishes whose notifications may still be waiting for room in the send queue before publishes are refused. */
  static final int MAX_FAN_OUT_BACKLOG = 256;

  private Limits() {}
}
