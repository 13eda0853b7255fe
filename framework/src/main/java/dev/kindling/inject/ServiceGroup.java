package dev.kindling.inject;

import dev.kindling.lifecycle.ComponentService;
import dev.kindling.lifecycle.ServiceStartException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Services that start together, in order, and stop in reverse: those of one component, or those of the process.
 * Guarded by {@code this}; started at most once.
 */
final class ServiceGroup {
  private static final Logger log = LoggerFactory.getLogger(ServiceGroup.class);

  /** A service and how messages name it. */
  record Member(ComponentService service, String description) {}

  private final List<Member> members;
  private final Deque<Member> started = new ArrayDeque<>();
  private boolean closed;

  ServiceGroup(List<Member> members) {
    this.members = List.copyOf(members);
  }

  /**
   * Starts every member in order.
   *
   * @throws ServiceStartException naming the first that failed, after stopping those started, in reverse
   */
  synchronized void start() {
    for (Member member : members) {
      try {
        member.service().start();
      } catch (Exception | LinkageError e) {
        ServiceStartException failure = new ServiceStartException(member.description(), e);
        stop();
        throw failure;
      }
      started.push(member);
      log.debug("started {}", member.description());
    }
  }

  /** Tells the started members, once, that the component is closing, last started first; a failure is logged. */
  synchronized void closing() {
    if (closed) {
      return;
    }
    closed = true;
    for (Member member : started) {
      try {
        member.service().closing();
      } catch (RuntimeException | LinkageError e) {
        log.warn("{} failed while closing: {}", member.description(), e.getMessage(), e);
      }
    }
  }

  /** Stops the started members, last started first; a failure is logged and the others are stopped still. */
  synchronized void stop() {
    Member member;
    while ((member = started.poll()) != null) {
      try {
        member.service().stop();
        log.debug("stopped {}", member.description());
      } catch (Exception | LinkageError e) {
        log.warn("{} failed to stop: {}", member.description(), e.getMessage(), e);
      }
    }
  }
}
