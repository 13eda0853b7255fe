package dev.kindling.connection;

import dev.kindling.stream.StreamErrorException;
import java.util.Set;
import org.xmpp.packet.StreamError.Condition;

/** Turns a stream error the server sent into an exception whose message an operator understands. */
final class ServerRefusal {
  /** Conditions that say the server will not take this component as configured: retrying rarely helps. */
  private static final Set<Condition> REFUSALS =
      Set.of(Condition.not_authorized, Condition.conflict, Condition.host_unknown);

  private ServerRefusal() {}

  static StreamErrorException of(ComponentSettings settings, Condition condition, String text) {
    String server = "server at " + settings.address();
    String domain = settings.domain();
    String message = switch (condition) {
      case not_authorized -> server + " refused the secret for " + domain;
      case conflict -> server + " already has a component connected as " + domain;
      case host_unknown -> server + " does not serve the component domain " + domain;
      case improper_addressing -> server + " rejected a stanza from " + domain + " for its addressing";
      case system_shutdown -> server + " is shutting down";
      default -> null;
    };
    if (message == null) {
      String detail = text == null || text.isBlank() ? "" : ": " + text;
      message = server + " ended the stream of " + domain + " (" + condition.toXMPP() + ")" + detail;
    } else if (condition == Condition.not_authorized) {
      // ejabberd answers a domain it does not serve with not-authorized too, where Prosody says host-unknown.
      message += " (not-authorized; ejabberd also says so for a domain it does not serve)";
    } else {
      message += " (" + condition.toXMPP() + ")";
    }
    return new StreamErrorException(message, condition, text, true);
  }

  /** Whether {@code e} is a refusal that reconnecting would meet again. */
  static boolean isRefusal(Throwable e) {
    return e instanceof StreamErrorException error && error.sentByPeer() && REFUSALS.contains(error.condition());
  }
}
