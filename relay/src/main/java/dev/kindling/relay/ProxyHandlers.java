package dev.kindling.relay;

import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.handler.Outbound;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The XMPP side of the relay (XEP-0065): disco says {@code proxy/bytestreams}; the streamhost query answers the
 * advertised addresses; the initiator's {@code activate} starts the relay of its bytestream, or answers with the
 * error XEP-0065 names: {@code forbidden} for a user {@code relay.allow} does not admit (§6.3.1),
 * {@code item-not-found} for no such bytestream, which is also what an activation by anyone but its initiator
 * finds, since the hash holds the activator's JID (§6.3.2), {@code not-allowed} while only one side is connected
 * (§6.3.2) and when a limit is reached (the proxy is unable to act, §6.3.1).
 */
@Identity(category = "proxy", type = "bytestreams", name = "Kindling SOCKS5 relay")
final class ProxyHandlers {
  static final String BYTESTREAMS = "http://jabber.org/protocol/bytestreams";

  private final Socks5Server server;
  private final RelayPolicy policy;
  private final RelayCounters counters;
  private final Outbound outbound;

  @Inject
  ProxyHandlers(Socks5Server server, RelayPolicy policy, RelayCounters counters, Outbound outbound) {
    this.server = server;
    this.policy = policy;
    this.counters = counters;
    this.outbound = outbound;
  }

  /** The streamhosts this proxy offers (§6.3.1): its JID with each advertised host, and the port. */
  @IqHandler(element = "query", namespace = BYTESTREAMS, type = IQ.Type.get)
  Element streamhost(JID from) {
    permit(from);
    Element query = DocumentHelper.createElement(QName.get("query", BYTESTREAMS));
    for (String host : server.advertisedHosts()) {
      query.addElement("streamhost").addAttribute("jid", outbound.jid().toString()).addAttribute("host", host)
          .addAttribute("port", Integer.toString(server.advertisedPort()));
    }
    return query;
  }

  /** The initiator activates its bytestream (§6.3.2): the hash of SID, its JID and the target's finds the pair. */
  @IqHandler(element = "query", namespace = BYTESTREAMS, type = IQ.Type.set)
  CompletableFuture<Element> activate(JID from, Element query) {
    String sid = query.attributeValue("sid");
    String target = query.elementTextTrim("activate");
    if (sid == null || sid.isEmpty() || target == null || target.isEmpty()) {
      throw new StanzaErrorException(PacketError.Condition.bad_request, "an activation needs a sid and a target");
    }
    String hash;
    try {
      hash = hash(sid, from.toString(), new JID(target).toString());
    } catch (IllegalArgumentException e) {
      throw new StanzaErrorException(PacketError.Condition.jid_malformed, "the target is not a JID: " + target);
    }
    if (!policy.allows(from)) {
      server.discard(hash);
    }
    permit(from);
    return server.activate(hash, from.toBareJID()).orTimeout(10, TimeUnit.SECONDS)
        .thenApply(activation -> switch (activation) {
      case ACTIVATED -> null;
      case NO_SUCH_STREAM -> throw new StanzaErrorException(PacketError.Condition.item_not_found,
          "no bytestream " + sid + " from you to " + target + " is connected to this proxy");
      case ONE_SIDE_ONLY -> throw new StanzaErrorException(PacketError.Condition.not_allowed,
          "only one side of bytestream " + sid + " is connected");
      case ALREADY_ACTIVE -> throw new StanzaErrorException(PacketError.Condition.not_acceptable,
          "bytestream " + sid + " is active already");
      case RELAY_BUSY -> throw new StanzaErrorException(PacketError.Condition.not_allowed,
          "the relay runs as many transfers as it may; try later");
      case INITIATOR_BUSY -> throw new StanzaErrorException(PacketError.Condition.not_allowed,
          "you run as many transfers through this relay as you may; try later");
    });
  }

  /** Refuses users {@code relay.allow} does not admit (§6.3.1: {@code forbidden}). */
  private void permit(JID from) {
    if (!policy.allows(from)) {
      counters.refuse(RelayCounters.Count.NOT_PERMITTED, from.toString());
      throw new StanzaErrorException(PacketError.Condition.forbidden, "this relay serves other domains only");
    }
  }

  /** The bytestream's hash (XEP-0065 §5.3.2, XEP-0260 §2.2): SHA-1 of SID + initiator JID + target JID, in hex. */
  static String hash(String sid, String initiator, String target) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
          .digest((sid + initiator + target).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }
}
