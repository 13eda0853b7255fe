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
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * The XMPP side of the relay (XEP-0065): disco says {@code proxy/bytestreams}; the streamhost query answers the
 * advertised address; the initiator's {@code activate} pairs the two connections of its bytestream and starts the
 * relay, or answers with the error XEP-0065 §6.3 names.
 */
@Identity(category = "proxy", type = "bytestreams", name = "Kindling SOCKS5 relay")
final class ProxyHandlers {
  static final String BYTESTREAMS = "http://jabber.org/protocol/bytestreams";

  private final Socks5Server server;
  private final Outbound outbound;

  @Inject
  ProxyHandlers(Socks5Server server, Outbound outbound) {
    this.server = server;
    this.outbound = outbound;
  }

  /** The streamhost this proxy offers (§6.3.1): its JID and the advertised host and port. */
  @IqHandler(element = "query", namespace = BYTESTREAMS, type = IQ.Type.get)
  Element streamhost() {
    Element query = DocumentHelper.createElement(org.dom4j.QName.get("query", BYTESTREAMS));
    query.addElement("streamhost").addAttribute("jid", outbound.jid().toString()).addAttribute("host", server.advertisedHost())
        .addAttribute("port", Integer.toString(server.advertisedPort()));
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
    String hash = hash(sid, from.toString(), target);
    return server.activate(hash).thenApply(activation -> switch (activation) {
      case ACTIVATED -> null;
      case NO_SUCH_STREAM -> throw new StanzaErrorException(PacketError.Condition.item_not_found,
          "no bytestream " + sid + " from you to " + target + " is connected to this proxy");
      case ONE_SIDE_ONLY -> throw new StanzaErrorException(PacketError.Condition.not_acceptable,
          "only one side of bytestream " + sid + " is connected");
      case ALREADY_ACTIVE -> throw new StanzaErrorException(PacketError.Condition.not_acceptable,
          "bytestream " + sid + " is active already");
    });
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
