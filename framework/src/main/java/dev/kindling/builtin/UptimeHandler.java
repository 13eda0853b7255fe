package dev.kindling.builtin;

import dev.kindling.handler.IqHandler;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * Answers XEP-0012 last activity requests: for a server or component the answer is its uptime in seconds
 * (XEP-0012 §5).
 */
public final class UptimeHandler {
  /** The last activity namespace. */
  public static final String NAMESPACE = "jabber:iq:last";

  private final Clock clock;
  private final Instant started;

  @Inject
  UptimeHandler(Clock clock) {
    this.clock = clock;
    this.started = clock.instant();
  }

  @IqHandler(element = "query", namespace = NAMESPACE)
  Element uptime() {
    long seconds = Duration.between(started, clock.instant()).toSeconds();
    Element query = DocumentHelper.createElement(QName.get("query", NAMESPACE));
    query.addAttribute("seconds", Long.toString(seconds));
    return query;
  }
}
