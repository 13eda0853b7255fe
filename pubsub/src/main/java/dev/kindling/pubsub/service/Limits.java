package dev.kindling.pubsub.service;

/** The service's fixed bounds, which the configuration does not change. */
final class Limits {
  /** Publishes whose notifications may still be waiting for room in the send queue before publishes are refused. */
  static final int MAX_FAN_OUT_BACKLOG = 256;

  private Limits() {}
}
