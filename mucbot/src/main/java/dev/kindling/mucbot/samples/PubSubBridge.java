package dev.kindling.mucbot.samples;

import dev.kindling.handler.Address;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Outbound;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.inject.KindlingKeys;
import dev.kindling.lifecycle.ComponentService;
import dev.kindling.mucbot.BotRooms;
import dev.kindling.mucbot.OnCommand;
import dev.kindling.mucbot.Room;
import dev.kindling.mucbot.RoomBot;
import dev.kindling.connection.ConnectionState;
import dev.kindling.lifecycle.ConnectionEvents;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The sample bridge: posts each new item of PubSub nodes (XEP-0060) into rooms. {@code !subscribe <node>} in a room
 * subscribes the bridge's JID to the node and routes its items to that room (remembered in the {@code data-dir});
 * {@code bridge.nodes} go to every room of the bridge. It is a bot and a plain Kindling handler at once: the
 * notifications come to its address. It speaks XEP-0060 over XMPP, so any PubSub service works, Kindling's or the
 * server's.
 */
@RoomBot(nick = "bridge")
@Address(local = "bridge")
@Identity(category = "client", type = "bot", name = "PubSub bridge")
public final class PubSubBridge implements ComponentService {
  private static final Logger log = LoggerFactory.getLogger(PubSubBridge.class);
  private static final String PUBSUB = "http://jabber.org/protocol/pubsub";
  private static final String EVENT = PUBSUB + "#event";
  private static final int MAX_TEXT = 400;

  private final BotRooms rooms;
  private final Outbound outbound;
  private final KindlingConfig config;
  private final Path routesFile;
  private final Map<String, Set<String>> roomsByNode = new ConcurrentHashMap<>();
  private JID service;

  @Inject
  PubSubBridge(BotRooms rooms, Outbound outbound, KindlingConfig config, ConnectionEvents events) {
    this.rooms = rooms;
    this.outbound = outbound;
    this.config = config;
    this.routesFile = config.dataDirectory().resolve("mucbot-bridge-" + outbound.jid().getDomain() + ".properties");
    events.listen((state, cause) -> {
      if (state == ConnectionState.AUTHENTICATED) {
        Set<String> nodes = new LinkedHashSet<>(config.get(BridgeKeys.NODES));
        nodes.addAll(roomsByNode.keySet());
        nodes.forEach(node -> subscribe(node).thenAccept(problem -> {
          if (problem != null) {
            log.warn("bridge cannot subscribe to {} on {}: {}", node, service, problem);
          }
        }));
      }
    });
  }

  @Override
  public void start() throws IOException {
    String domain = outbound.jid().getDomain();
    String server = config.find(KindlingKeys.SERVER_DOMAIN).orElse(domain.substring(domain.indexOf('.') + 1));
    service = config.find(BridgeKeys.SERVICE).orElse(new JID("pubsub." + server));
    if (Files.exists(routesFile)) {
      Properties routes = new Properties();
      try (Reader reader = Files.newBufferedReader(routesFile, StandardCharsets.UTF_8)) {
        routes.load(reader);
      }
      routes.stringPropertyNames().forEach(node -> roomsByNode.computeIfAbsent(node,
          n -> ConcurrentHashMap.newKeySet()).addAll(List.of(routes.getProperty(node).split(","))));
    }
  }

  @OnCommand(value = "subscribe", args = "<node>", description = "posts each new item of a PubSub node here")
  @Blocking                                      // waits for the service's answer, writes the routes file
  String subscribe(Room room, String node) throws IOException, InterruptedException {
    String problem;
    try {
      problem = subscribe(node).get(40, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      problem = "no answer";
    }
    if (problem != null) {
      return "cannot subscribe to " + node + " on " + service + ": " + problem;
    }
    roomsByNode.computeIfAbsent(node, n -> ConcurrentHashMap.newKeySet()).add(room.jid().toBareJID());
    saveRoutes();
    return "new items of " + node + " on " + service + " will be posted here";
  }

  @OnCommand(value = "unsubscribe", args = "<node>", description = "stops posting the items of a node here")
  @Blocking
  String unsubscribe(Room room, String node) throws IOException {
    if (!roomsByNode.getOrDefault(node, Set.of()).remove(room.jid().toBareJID())) {
      return node + " is not posted here";
    }
    saveRoutes();
    return "no more items of " + node + " here";
  }

  /** Subscribes the bridge's JID to {@code node}: completes with {@code null} once accepted, else why not. */
  private CompletableFuture<String> subscribe(String node) {
    IQ subscribe = new IQ(IQ.Type.set);
    subscribe.setFrom(rooms.jidOf(this));
    subscribe.setTo(service);
    subscribe.setChildElement("pubsub", PUBSUB).addElement("subscribe").addAttribute("node", node)
        .addAttribute("jid", rooms.jidOf(this).toBareJID());
    return outbound.request(subscribe).thenApply(answer -> answer.getType() != IQ.Type.error ? null
        : answer.getError() == null ? "error" : answer.getError().getCondition().toXMPP());
  }

  private synchronized void saveRoutes() throws IOException {
    Properties routes = new Properties();
    roomsByNode.forEach((node, targets) -> {
      if (!targets.isEmpty()) {
        routes.setProperty(node, String.join(",", targets));
      }
    });
    Path next = routesFile.resolveSibling(routesFile.getFileName() + ".new");
    try (Writer writer = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
      routes.store(writer, "PubSub node = rooms its items are posted in");
    }
    Files.move(next, routesFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** A notification of the PubSub service: each new item said in the rooms of its node. */
  @MessageHandler(type = {Message.Type.headline, Message.Type.normal}, namespace = EVENT)
  @Blocking
  void notified(Message message) {
    Element items = message.getChildElement("event", EVENT).element("items");
    if (items == null || !message.getFrom().toBareJID().equals(service.toBareJID())) {
      return;
    }
    String node = items.attributeValue("node");
    Set<JID> targets = new LinkedHashSet<>();
    roomsByNode.getOrDefault(node, Set.of()).forEach(room -> targets.add(new JID(room)));
    if (config.get(BridgeKeys.NODES).contains(node)) {
      rooms.of(this).forEach(room -> targets.add(room.jid()));
    }
    if (targets.isEmpty()) {
      log.debug("bridge: an item of {}, which no room follows", node);
      return;
    }
    for (Element item : items.elements("item")) {
      String text = "[" + node + "] " + describe(item);
      targets.forEach(room -> rooms.room(this, room).ifPresent(target -> target.say(text)));
    }
  }

  /** An item as a line: an Atom entry's title, else the payload's text, else its id. */
  static String describe(Element item) {
    Element payload = item.elements().isEmpty() ? null : item.elements().get(0);
    String text;
    if (payload == null) {
      text = "new item " + item.attributeValue("id", "");
    } else if (payload.element("title") != null) {
      text = payload.elementTextTrim("title");
    } else {
      text = payload.getStringValue().strip().replaceAll("\\s+", " ");
    }
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
  }
}
