package dev.kindling.cli;

import dev.kindling.samples.echo.EchoComponent;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.ServerConfig;
import dev.kindling.testkit.SmackClient;
import dev.kindling.tinder.TinderComponentHost;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.MessageTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kindling demo}: starts a throwaway Prosody on loopback, attaches the echo component, and shows a real
 * client (Smack) talking to it. Everything it starts stops when it ends.
 */
@Command(name = "demo", description = "Start a throwaway Prosody on 127.0.0.1, attach the echo component, and "
    + "show a real XMPP client talking to it.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration REPLY_WAIT = Duration.ofSeconds(10);

  @Option(names = "--stay", description = "Keep the server and component running afterwards, until Ctrl-C, "
      + "to try them with your own client.")
  private boolean stay;

  @Option(names = "--dir", defaultValue = "${sys:java.io.tmpdir}/kindling-demo",
      description = "Where the throwaway server keeps its files (default ${DEFAULT-VALUE}).")
  private Path dir;

  @Spec
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig config = new ServerConfig(List.of("echo"), List.of("alice"), "demo-secret", dir);
    ProsodyServer prosody = ProsodyServer.start(config);
    TinderComponentHost host = null;
    try {
      out.printf("Started a throwaway Prosody on %s: clients on port %d, components on port %d (files in %s)%n",
          prosody.host(), prosody.clientPort(), prosody.componentPort(), prosody.directory());
      host = new TinderComponentHost(prosody.componentSettings("echo").domain(prosody.domain()).build());
      long start = System.nanoTime();
      host.addComponent("echo", new EchoComponent());
      out.printf("Attached the echo component as %s (connect and handshake: %d ms)%n",
          prosody.componentDomain("echo"), (System.nanoTime() - start) / 1_000_000);
      converse(prosody, out);
      if (stay) {
        out.printf("Still running. Log in as %s with password '%s' on %s:%d (no TLS) and message %s. Ctrl-C stops.%n",
            prosody.user("alice").jid(), prosody.user("alice").password(), prosody.host(), prosody.clientPort(),
            prosody.componentDomain("echo"));
        out.flush();
        UntilStopped.await(prosody, host);
      }
      return 0;
    } finally {
      if (host != null) {
        host.close();
      }
      prosody.close();
    }
  }

  private static void converse(ProsodyServer prosody, PrintWriter out) throws Exception {
    try (SmackClient alice = SmackClient.login(prosody, "alice")) {
      String me = alice.connection().getUser().toString();
      out.printf("%s logged in with Smack%n", me);
      DomainBareJid echo = JidCreate.domainBareFrom(prosody.componentDomain("echo"));
      for (String text : List.of("Hello, Kindling!", "Grüße aus dem Component-Land 🔥")) {
        StanzaCollector replies = alice.connection().createStanzaCollector(
            new AndFilter(MessageTypeFilter.CHAT, FromMatchesFilter.createBare(echo)));
        out.printf("  %s → %s: %s%n", me, echo, text);
        alice.connection().sendStanza(MessageBuilder.buildMessage().to(echo).ofType(Message.Type.chat)
            .setBody(text).build());
        Message reply = replies.nextResult(REPLY_WAIT.toMillis());
        replies.cancel();
        if (reply == null) {
          throw new IOException("no echo from " + echo + " within " + REPLY_WAIT.toSeconds() + " s");
        }
        out.printf("  %s → %s: %s%n", reply.getFrom(), me, reply.getBody());
      }
      long start = System.nanoTime();
      alice.connection().sendIqRequestAndWaitForResponse(new Ping(echo));
      out.printf("  ping %s: pong in %.1f ms%n", echo, (System.nanoTime() - start) / 1e6);
    }
    out.flush();
  }
}
