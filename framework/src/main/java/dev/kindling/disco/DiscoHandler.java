package dev.kindling.disco;

import dev.kindling.handler.IqHandler;
import dev.kindling.handler.StanzaErrorException;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Answers disco#info and disco#items for the component (XEP-0030), from its {@link DiscoInfo} and its
 * {@link DiscoProvider}s. Every component has it.
 */
public final class DiscoHandler {
  private final DiscoInfo info;
  private final List<DiscoProvider> providers;

  /** Creates the handler. */
  @Inject
  public DiscoHandler(DiscoInfo info, DiscoProviders providers) {
    this.info = info;
    this.providers = providers.all();
  }

  /** disco#info of the component, or of one of its nodes. */
  @IqHandler(element = "query", namespace = DiscoInfo.INFO)
  Element info(JID requester, Element query) {
    String node = query.attributeValue("node");
    Element answer = DocumentHelper.createElement(query.getQName());
    if (node == null) {
      info.identities().forEach(identity -> identity.addTo(answer));
      info.features().forEach(feature -> answer.addElement("feature").addAttribute("var", feature));
      for (DiscoProvider provider : providers) {
        for (DataForm form : provider.extendedInfo()) {
          answer.add(form.getElement().createCopy());
        }
      }
      return answer;
    }
    NodeInfo nodeInfo = providers.stream().map(provider -> provider.nodeInfo(requester, node))
        .flatMap(Optional::stream).findFirst()
        .orElseThrow(() -> new StanzaErrorException(PacketError.Condition.item_not_found, "no node '" + node + "'"));
    answer.addAttribute("node", node);
    nodeInfo.identities().forEach(identity -> identity.addTo(answer));
    java.util.Set<String> features = new java.util.TreeSet<>(nodeInfo.features());
    features.add(DiscoInfo.INFO);
    features.forEach(feature -> answer.addElement("feature").addAttribute("var", feature));
    return answer;
  }

  /** disco#items of the component, or of one of its nodes. */
  @IqHandler(element = "query", namespace = DiscoInfo.ITEMS)
  Element items(JID requester, Element query) {
    String node = query.attributeValue("node");
    Element answer = DocumentHelper.createElement(query.getQName());
    if (node != null) {
      answer.addAttribute("node", node);
    }
    for (DiscoProvider provider : providers) {
      provider.items(requester, node).forEach(item -> item.addTo(answer));
    }
    return answer;
  }
}
