package dev.kindling.handler;

/**
 * What keeps stanzas in order: stanzas with the same key run one at a time, in arrival order, and hold at most
 * one thread; stanzas with different keys run in parallel. See {@link OrderedBy}.
 */
public enum OrderKey {
  /** The sender's full JID ({@code from}): the default. */
  SENDER,
  /** The sender's bare JID: one queue per account, or per MUC room for its occupants' stanzas. */
  BARE_SENDER,
  /** The addressee's full JID ({@code to}): one queue per address of the component, such as per bot. */
  ADDRESSEE;

  /** The key of a stanza with these {@code from} and {@code to} attribute values (either may be empty). */
  public String of(String from, String to) {
    return switch (this) {
      case SENDER -> from;
      case BARE_SENDER -> {
        int slash = from.indexOf('/');
        yield slash < 0 ? from : from.substring(0, slash);
      }
      case ADDRESSEE -> "to:" + to;
    };
  }
}
