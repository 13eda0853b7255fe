package dev.kindling.relay;

import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import java.util.HashMap;
import java.util.Map;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.FormField;
import org.jxmpp.jid.impl.JidCreate;

/** The relay's counters as an admin reads them over XMPP: its {@code stats} ad-hoc command, by field name. */
final class RelayStatsReader {
  private RelayStatsReader() {}

  /** The counters of the relay attached to {@code server} as component {@code relay}, run by {@code admin}. */
  static Map<String, Long> stats(SmackClient admin, XmppServer server) throws Exception {
    RemoteCommand command = AdHocCommandManager.getAddHocCommandsManager(admin.connection())
        .getRemoteCommand(JidCreate.from(server.componentDomain("relay")), "stats");
    command.execute();
    Map<String, Long> stats = new HashMap<>();
    for (FormField field : command.getForm().getFields()) {
      stats.put(field.getFieldName(), Long.parseLong(field.getFirstValue()));
    }
    return stats;
  }
}
