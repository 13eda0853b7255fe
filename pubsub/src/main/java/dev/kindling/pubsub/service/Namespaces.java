package dev.kindling.pubsub.service;

/** The XEP-0060 namespaces the service speaks. */
final class Namespaces {
  static final String PUBSUB = "http://jabber.org/protocol/pubsub";
  static final String OWNER = PUBSUB + "#owner";
  static final String EVENT = PUBSUB + "#event";
  static final String SHIM = "http://jabber.org/protocol/shim";
  static final String META_DATA = PUBSUB + "#meta-data";

  private Namespaces() {}
}
