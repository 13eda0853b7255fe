package dev.kindling.relay;

import dev.kindling.command.Command;
import dev.kindling.command.CommandRequest;
import dev.kindling.command.CommandStep;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Map;
import org.xmpp.forms.DataForm;
import org.xmpp.forms.FormField;

/**
 * The relay's counters for its operators: an ad-hoc command (XEP-0050) {@code stats}, for the administrators only,
 * answering a result form with what is open now and every count since the start.
 */
final class RelayStats {
  private final RelayCounters counters;

  @Inject
  RelayStats(RelayCounters counters) {
    this.counters = counters;
  }

  @Command(node = "stats", name = "Relay statistics", access = Command.Access.ADMINS)
  CommandStep stats(CommandRequest request) {
    DataForm form = new DataForm(DataForm.Type.result);
    form.setTitle("Relay statistics");
    field(form, "open-connections", "SOCKS5 connections open", counters.openConnections());
    field(form, "active-transfers", "transfers running", counters.activeTransfers());
    for (Map.Entry<RelayCounters.Count, Long> count : counters.all().entrySet()) {
      field(form, count.getKey().name().toLowerCase(Locale.ROOT).replace('_', '-'), count.getKey().description,
          count.getValue());
    }
    return CommandStep.completed(counters.activeTransfers() + " transfers running, "
        + counters.get(RelayCounters.Count.TRANSFERS) + " since the start", form);
  }

  private static void field(DataForm form, String variable, String label, long value) {
    form.addField(variable, label, FormField.Type.text_single).addValue(Long.toString(value));
  }
}
