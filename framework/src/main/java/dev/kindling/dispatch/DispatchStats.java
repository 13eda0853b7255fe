package dev.kindling.dispatch;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one component's dispatcher, cheap to update from many threads. Read them for monitoring; each
 * only grows.
 */
public final class DispatchStats {
  final LongAdder accepted = new LongAdder();
  final LongAdder rejected = new LongAdder();
  final LongAdder unhandled = new LongAdder();
  final LongAdder failed = new LongAdder();
  final LongAdder slowHere = new LongAdder();
  final LongAdder unsent = new LongAdder();

  /** Stanzas queued for a handler. */
  public long accepted() {
    return accepted.sum();
  }

  /** Stanzas refused because their sender or the component was over its queue bound. */
  public long rejected() {
    return rejected.sum();
  }

  /** Stanzas no handler takes (answered with an error, or dropped where no error is due). */
  public long unhandled() {
    return unhandled.sum();
  }

  /** Handler calls that threw something other than a {@link dev.kindling.handler.StanzaErrorException}. */
  public long failed() {
    return failed.sum();
  }

  /**
   * Handler calls run on the reader thread that took over 10 ms, holding up the connection: handlers that block
   * should be marked {@link dev.kindling.handler.Blocking} (each is named in a warning after its third such call).
   */
  public long slowOnReader() {
    return slowHere.sum();
  }

  /**
   * Answers (results, errors, a handler's returned stanza) the send queue could not take, because it was full or
   * the component closing: their requesters got nothing.
   */
  public long unsent() {
    return unsent.sum();
  }

  @Override
  public String toString() {
    return "accepted " + accepted() + ", rejected " + rejected() + ", unhandled " + unhandled() + ", failed " + failed()
        + ", slow on the reader " + slowOnReader() + ", unsent " + unsent();
  }
}
