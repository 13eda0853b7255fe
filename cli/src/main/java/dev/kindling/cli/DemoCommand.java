package dev.kindling.cli;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.mucbot.samples.SampleBotsModule;
import dev.kindling.pubsub.PubSubModule;
import dev.kindling.relay.RelayModule;
import dev.kindling.samples.SamplesModule;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.ServerConfig;
import dev.kindling.testkit.SmackClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.iqversion.VersionManager;
import org.jivesoftware.smackx.iqversion.packet.Version;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5BytestreamManager;
import org.jivesoftware.smackx.bytestreams.socks5.Socks5Proxy;
import org.jivesoftware.smackx.pubsub.Item;
import org.jivesoftware.smackx.pubsub.LeafNode;
import org.jivesoftware.smackx.pubsub.PayloadItem;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.SimplePayload;
import org.jivesoftware.smackx.pubsub.listener.ItemEventListener;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.BareJid;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kindling demo}: starts a throwaway Prosody on loopback, runs the sample components on it, and shows real
 * clients (Smack) using them: echo, ping, version, disco, a request the component makes to the server, an ad-hoc
 * command run through its stages, the PubSub service carrying an item from one client to another, the MUC bots,
 * and a file sent through the relay. Everything it starts stops when it ends.
 */
@Command(name = "demo", description = "Start a throwaway Prosody on 127.0.0.1, run the sample components, and "
    + "show real XMPP clients using them.")
final class DemoCommand implements Callable<Integer> {
  private static final Duration REPLY_WAIT = Duration.ofSeconds(10);
  private static final String DEMO_ROOM = "demo";
  private static final Duration BOTS_WAIT = Duration.ofSeconds(30);

  @Option(names = "--stay", description = "Keep the server and components running afterwards, until Ctrl-C, "
      + "to try them with your own client.")
  private boolean stay;

  @Option(names = "--dir", defaultValue = "${sys:java.io.tmpdir}/kindling-demo",
      description = "Where the throwaway server keeps its files (default ${DEFAULT-VALUE}).")
  private Path dir;

  @Spec
  private CommandSpec spec;

  @Mixin
  private HelpOption help;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    ServerConfig config = new ServerConfig(List.of("echo", "concierge", "pubsub", "mucbot", "relay"),
        List.of("alice", "bob"),
        "demo-secret", dir);
    try (ProsodyServer prosody = ProsodyServer.start(config)) {
      out.printf("Started a throwaway Prosody on %s: clients on port %d, components on port %d (files in %s)%n",
          prosody.host(), prosody.clientPort(), prosody.componentPort("echo"), prosody.directory());
      long start = System.nanoTime();
      Map<String, String> settings = new HashMap<>(prosody.kindlingConfig());
      settings.put("data-dir", prosody.directory().resolve("kindling-data").toString());
      String room = DEMO_ROOM + "@" + prosody.mucDomain();
      settings.put("bot.helper.rooms", room);
      settings.put("bot.helper.create-rooms", "true");
      settings.put("bot.bridge.rooms", room);
      settings.put("mucbot.rejoin-delay", "1s");
      settings.put("relay.listen-host", prosody.host());
      settings.put("relay.listen-port", "0");
      try (Kindling kindling = Kindling.create(KindlingConfig.of(settings), new SamplesModule(), new PubSubModule(),
          new SampleBotsModule(), new RelayModule())) {
        kindling.start();
        out.printf("Connected the sample components %s and %s, the PubSub service %s, the bots of %s and the relay %s"
            + " (%d ms)%n", prosody.componentDomain("echo"), prosody.componentDomain("concierge"),
            prosody.componentDomain("pubsub"), prosody.componentDomain("mucbot"), prosody.componentDomain("relay"),
            (System.nanoTime() - start) / 1_000_000);
        converse(prosody, out);
        if (stay) {
          out.printf("Still running. Log in as %s with password '%s' on %s:%d (no TLS). Ctrl-C stops.%n",
              prosody.user("alice").jid(), prosody.user("alice").password(), prosody.host(), prosody.clientPort());
          out.flush();
          UntilStopped.await(kindling, prosody);
        }
      }
    }
    return 0;
  }

  private static void converse(ProsodyServer prosody, PrintWriter out) throws Exception {
    try (SmackClient alice = SmackClient.login(prosody, "alice"); SmackClient bob = SmackClient.login(prosody, "bob")) {
      String me = alice.connection().getUser().asBareJid().toString();
      DomainBareJid echo = JidCreate.domainBareFrom(prosody.componentDomain("echo"));
      DomainBareJid concierge = JidCreate.domainBareFrom(prosody.componentDomain("concierge"));
      out.printf("%s and %s logged in with Smack%n", me, bob.connection().getUser().asBareJid());

      say(alice, out, me, echo, "Hello, Kindling!");
      long pingStart = System.nanoTime();
      PingManager.getInstanceFor(alice.connection()).ping(echo);
      out.printf("  ping %s: pong in %.1f ms%n", echo, (System.nanoTime() - pingStart) / 1e6);
      Version version = VersionManager.getInstanceFor(alice.connection()).getVersion(echo);
      out.printf("  version of %s: %s %s%n", echo, version.getName(), version.getVersion());
      DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(alice.connection()).discoverInfo(concierge);
      out.printf("  features of %s: %s%n", concierge,
          info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).sorted().toList());
      say(alice, out, me, concierge, "version " + prosody.domain());
      runAnnounce(alice, bob, concierge, out);
      publishAndReceive(alice, bob, JidCreate.bareFrom(prosody.componentDomain("pubsub")), out);
      talkToTheBots(alice, prosody, out);
      sendThroughTheRelay(alice, bob, prosody, out);
    }
    out.flush();
  }

  private static void say(SmackClient from, PrintWriter out, String me, DomainBareJid to, String text)
      throws Exception {
    out.printf("  %s → %s: %s%n", me, to, text);
    out.printf("  %s → %s: %s%n", to, me, from.chat(to, text).getBody());
  }

  /** Alice creates a node on the PubSub service, Bob subscribes, Alice publishes, Bob is notified. */
  private static void publishAndReceive(SmackClient alice, SmackClient bob, BareJid service, PrintWriter out)
      throws Exception {
    LeafNode news = PubSubManager.getInstanceFor(alice.connection(), service).createNode("demo-news");
    out.printf("  %s created node 'demo-news' on %s%n", alice.connection().getUser().asBareJid(), service);
    LeafNode bobsView = PubSubManager.getInstanceFor(bob.connection(), service).getLeafNode("demo-news");
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    ItemEventListener<Item> listener = event -> event.getItems().forEach(item -> received.add(item.toXML().toString()));
    bobsView.addItemEventListener(listener);
    bobsView.subscribe(bob.connection().getUser().asBareJid());
    out.printf("  %s subscribed to it%n", bob.connection().getUser().asBareJid());
    news.publish(new PayloadItem<>("first", new SimplePayload(
        "<entry xmlns='http://www.w3.org/2005/Atom'><title>Kindling PubSub is up</title></entry>")));
    out.printf("  %s published item 'first'%n", alice.connection().getUser().asBareJid());
    String item = received.poll(REPLY_WAIT.toSeconds(), TimeUnit.SECONDS);
    out.printf("  %s was notified: %s%n", bob.connection().getUser().asBareJid(),
        item == null ? "nothing within " + REPLY_WAIT.toSeconds() + " s" : item);
  }

  /**
   * Alice sends Bob 16 MiB with XEP-0065, the relay found in Prosody's disco#items and the clients' own direct
   * streamhosts off, so the bytes go through the relay.
   */
  private static void sendThroughTheRelay(SmackClient alice, SmackClient bob, ProsodyServer prosody, PrintWriter out)
      throws Exception {
    Socks5Proxy.setLocalSocks5ProxyEnabled(false);
    Socks5BytestreamManager sender = Socks5BytestreamManager.getBytestreamManager(alice.connection());
    Socks5BytestreamManager receiver = Socks5BytestreamManager.getBytestreamManager(bob.connection());
    sender.setAnnounceLocalStreamHost(false);
    receiver.setAnnounceLocalStreamHost(false);
    out.printf("  alice found the proxies %s in the server's disco#items%n", sender.determineProxies());
    byte[] file = new byte[16 << 20];
    new java.util.Random(12).nextBytes(file);
    java.util.concurrent.CompletableFuture<byte[]> received = new java.util.concurrent.CompletableFuture<>();
    receiver.addIncomingBytestreamListener(request -> {
      try (java.io.InputStream in = request.accept().getInputStream()) {
        received.complete(digest(in.readAllBytes()));
      } catch (Exception e) {
        received.completeExceptionally(e);
      }
    });
    long start = System.nanoTime();
    try (java.io.OutputStream to = sender.establishSession(bob.connection().getUser()).getOutputStream()) {
      to.write(file);
    }
    boolean same = java.util.Arrays.equals(received.get(REPLY_WAIT.toSeconds(), TimeUnit.SECONDS), digest(file));
    out.printf("  alice sent bob 16 MiB through %s in %d ms: SHA-256 %s%n", prosody.componentDomain("relay"),
        (System.nanoTime() - start) / 1_000_000, same ? "equal" : "DIFFERENT");
  }

  private static byte[] digest(byte[] data) throws java.security.NoSuchAlgorithmException {
    return java.security.MessageDigest.getInstance("SHA-256").digest(data);
  }

  /** Alice joins the bots' room, rolls dice, has the bridge follow the node, and publishes to it. */
  private static void talkToTheBots(SmackClient alice, ProsodyServer prosody, PrintWriter out) throws Exception {
    EntityBareJid room = JidCreate.entityBareFrom(DEMO_ROOM + "@" + prosody.mucDomain());
    MultiUserChatManager manager = MultiUserChatManager.getInstanceFor(alice.connection());
    MultiUserChat demo = manager.getMultiUserChat(room);
    BlockingQueue<org.jivesoftware.smack.packet.Message> said = new LinkedBlockingQueue<>();
    demo.addMessageListener(said::add);
    long deadline = System.nanoTime() + BOTS_WAIT.toNanos();
    while (!demo.isJoined() && System.nanoTime() < deadline) {    // the helper bot creates the room as it joins
      if (roomExists(manager, room)) {
        try {
          demo.join(demo.getEnterConfigurationBuilder(Resourcepart.from("alice")).requestNoHistory().build());
        } catch (XMPPException | SmackException e) {
          // still locked: the helper has not configured it yet
        }
      }
      if (!demo.isJoined()) {
        Thread.sleep(200);
      }
    }
    while (!occupants(demo).containsAll(List.of("bridge", "helper")) && System.nanoTime() < deadline) {
      Thread.sleep(100);                                     // the bridge joins once the room exists (back-off)
    }
    out.printf("  alice joined room %s, with %s%n", room, occupants(demo));
    inRoom(demo, said, out, "!roll 2d6", "helper");
    inRoom(demo, said, out, "!subscribe demo-news", "bridge");
    LeafNode news = PubSubManager.getInstanceFor(alice.connection(),
        JidCreate.bareFrom(prosody.componentDomain("pubsub"))).getLeafNode("demo-news");
    news.publish(new PayloadItem<>("second", new SimplePayload(
        "<entry xmlns='http://www.w3.org/2005/Atom'><title>Kindling bots are up</title></entry>")));
    out.printf("  alice published item 'second' to demo-news%n");
    out.printf("  bridge in %s: %s%n", DEMO_ROOM, nextFrom(said, "bridge"));
    demo.leave();
  }

  private static boolean roomExists(MultiUserChatManager manager, EntityBareJid room) throws InterruptedException {
    try {
      manager.getRoomInfo(room);
      return true;
    } catch (SmackException | XMPPException e) {
      return false;
    }
  }

  private static List<String> occupants(MultiUserChat room) {
    return room.getOccupants().stream().map(jid -> jid.getResourcepart().toString()).sorted().toList();
  }

  private static void inRoom(MultiUserChat room, BlockingQueue<org.jivesoftware.smack.packet.Message> said,
      PrintWriter out, String text, String bot) throws Exception {
    out.printf("  alice in %s: %s%n", DEMO_ROOM, text);
    room.sendMessage(text);
    out.printf("  %s in %s: %s%n", bot, DEMO_ROOM, nextFrom(said, bot));
  }

  /** The body of the next message from {@code nick} in the room, or a note that none came in time. */
  private static String nextFrom(BlockingQueue<org.jivesoftware.smack.packet.Message> said, String nick)
      throws InterruptedException {
    long deadline = System.nanoTime() + REPLY_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      org.jivesoftware.smack.packet.Message message = said.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (message != null && message.getBody() != null
          && nick.equals(message.getFrom().getResourceOrEmpty().toString())) {
        return message.getBody();
      }
    }
    return "nothing within " + REPLY_WAIT.toSeconds() + " s";
  }

  private static void runAnnounce(SmackClient alice, SmackClient bob, DomainBareJid concierge, PrintWriter out)
      throws Exception {
    StanzaCollector bobsInbox = bob.connection().createStanzaCollector(
        new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(concierge)));
    try {
      RemoteCommand announce = AdHocCommandManager.getAddHocCommandsManager(alice.connection())
          .getRemoteCommand(concierge, "announce");
      announce.execute();
      out.printf("  ad-hoc command 'announce': form '%s'%n", announce.getForm().getTitle());
      FillableForm message = new FillableForm(announce.getForm());
      message.setAnswer("to", bob.connection().getUser().asBareJid().toString());
      message.setAnswer("text", "Lunch is ready");
      announce.next(message);
      out.printf("  ad-hoc command 'announce': form '%s' (%s)%n", announce.getForm().getTitle(),
          announce.getNotes().get(0).getValue());
      FillableForm confirm = new FillableForm(announce.getForm());
      confirm.setAnswer("send", true);
      announce.complete(confirm);
      out.printf("  ad-hoc command 'announce': %s, %s%n", announce.getStatus(), announce.getNotes().get(0).getValue());
      Message received = bobsInbox.nextResultOrThrow(REPLY_WAIT.toMillis());
      out.printf("  %s received from %s: %s%n", bob.connection().getUser().asBareJid(), concierge, received.getBody());
    } finally {
      bobsInbox.cancel();
    }
  }
}
