package dev.kindling.builtin;

import dev.kindling.handler.IqHandler;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;

/** Answers XEP-0202 entity time requests with the injected {@link Clock}'s time and offset. */
public final class TimeHandler {
  /** The entity time namespace. */
  public static final String NAMESPACE = "urn:xmpp:time";

  private final Clock clock;

  @Inject
  TimeHandler(Clock clock) {
    this.clock = clock;
  }

  @IqHandler(element = "time", namespace = NAMESPACE)
  Element time() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ZoneOffset offset = clock.getZone().getRules().getOffset(now);
    Element time = DocumentHelper.createElement(QName.get("time", NAMESPACE));
    time.addElement("tzo").setText(offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
    time.addElement("utc").setText(DateTimeFormatter.ISO_INSTANT.format(now));
    return time;
  }
}
