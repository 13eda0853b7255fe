package dev.kindling.relay;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import java.util.HashMap;
import java.util.Map;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.FormField;
import org.jxmpp.jid.impl.JidCreate;

/**
 * Kindling's relay attached to a test server as component {@code relay}, for the ITs: started (before any client
 * logs in, as Smack remembers a proxy that failed its disco), and its counters read as an admin reads them.
 */
final class RelayOnServer {
  private RelayOnServer() {}

  /**
   * The relay on {@code server}, SOCKS5 on 127.0.0.1:{@code port} (0: any free one), carol as its admin, with
   * {@code settings} (key, value, …) on top; started.
   */
  static Kindling start(XmppServer server, int port, String... settings) throws Exception {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("relay.listen-host", "127.0.0.1");
    config.put("relay.listen-port", Integer.toString(port));
    config.put("admins", "carol@" + server.domain());
    for (int i = 0; i < settings.length; i += 2) {
      config.put(settings[i], settings[i + 1]);
    }
    Kindling kindling = Kindling.create(KindlingConfig.of(config), new RelayModule());
    kindling.start();
    return kindling;
  }

  /** The relay's counters from its {@code stats} ad-hoc command run by {@code admin}, by field name. */
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
