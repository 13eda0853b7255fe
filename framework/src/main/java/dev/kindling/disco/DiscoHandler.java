package dev.kindling.disco;

import dev.kindling.dispatch.AddressKey;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.handler.To;
import dev.kindling.rsm.ResultPage;
import dev.kindling.rsm.ResultSetRequest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Answers disco#info and disco#items (XEP-0030) for the component's domain, its bound addresses and their nodes,
 * from its {@link DiscoInfo} and its {@link DiscoProvider}s; a disco#items request with an XEP-0059 {@code <set/>}
 * gets that page of the items (XEP-0059 §2), at most {@value #MAX_ITEMS_PER_PAGE}. Every component has it; it
 * runs on the blocking pool when a provider blocks.
 */
public final class DiscoHandler {
  /** The most items one page of a disco#items answer holds when the requester pages it (XEP-0059). */
  private static final int MAX_ITEMS_PER_PAGE = 500;
  /** How long the providers may take to answer, together, before the request gets internal-server-error. */
  private static final long PROVIDERS_TIMEOUT_SECONDS = 20;

  private final DiscoInfo info;
  private final List<DiscoProvider> providers;

  /** Creates the handler. */
  @Inject
  public DiscoHandler(DiscoInfo info, DiscoProviders providers) {
    this.info = info;
    this.providers = providers.all();
  }

  /** disco#info of the domain, an address, or a node of either (XEP-0030 §3). */
  @IqHandler(element = "query", namespace = DiscoInfo.INFO)
  CompletableFuture<Element> info(JID requester, @To JID addressee, Element query) {
    DiscoQuery request = new DiscoQuery(requester, addressee, query.attributeValue("node"), query);
    Optional<EntityInfo> derived = request.node() != null ? Optional.empty()
        : request.isForDomain() ? Optional.of(info.domain()) : info.of(addressKey(addressee));
    List<CompletableFuture<Optional<EntityInfo>>> answers = new ArrayList<>();
    providers.forEach(provider -> answers.add(provider.infoAsync(request).toCompletableFuture()));
    return allOf(answers).thenApply(done -> {
      Optional<EntityInfo> merged = derived;
      for (CompletableFuture<Optional<EntityInfo>> answer : answers) {
        Optional<EntityInfo> known = answer.join();
        if (known.isPresent()) {
          merged = Optional.of(merged.map(sofar -> sofar.merge(known.get())).orElse(known.get()));
        }
      }
      return answer(request, merged.orElseThrow(() -> notFound(request)));
    });
  }

  /** disco#items of the domain, an address, or a node of either (XEP-0030 §4). */
  @IqHandler(element = "query", namespace = DiscoInfo.ITEMS)
  CompletableFuture<Element> items(JID requester, @To JID addressee, Element query) {
    DiscoQuery request = new DiscoQuery(requester, addressee, query.attributeValue("node"), query);
    List<CompletableFuture<List<DiscoItem>>> answers = new ArrayList<>();
    providers.forEach(provider -> answers.add(provider.itemsAsync(request).toCompletableFuture()));
    Optional<ResultSetRequest> paging = ResultSetRequest.from(query, MAX_ITEMS_PER_PAGE);
    return allOf(answers).thenApply(done -> {
      List<DiscoItem> all = new ArrayList<>();
      answers.forEach(items -> all.addAll(items.join()));
      Element answer = emptyAnswer(request);
      if (paging.isEmpty()) {
        all.forEach(item -> item.addTo(answer));
        return answer;
      }
      ResultPage<DiscoItem> page = paging.get().page(all, DiscoHandler::pagingId);
      page.items().forEach(item -> item.addTo(answer));
      answer.add(page.toElement());
      return answer;
    });
  }

  /**
   * Completes when every provider has answered; fails after {@value #PROVIDERS_TIMEOUT_SECONDS} s, so that a
   * provider's future that never completes costs the requester an error, not an answer never sent.
   */
  private static CompletableFuture<Void> allOf(List<? extends CompletableFuture<?>> answers) {
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
        .orTimeout(PROVIDERS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  /** An item's id in an XEP-0059 result set: its address and node, which together are unique (XEP-0030 §4.1). */
  private static String pagingId(DiscoItem item) {
    return item.node() == null ? item.jid().toString() : item.jid() + "#" + item.node();
  }

  private static Element answer(DiscoQuery request, EntityInfo entity) {
    Element answer = emptyAnswer(request);
    entity.identities().forEach(identity -> identity.addTo(answer));
    java.util.Set<String> features = new java.util.TreeSet<>(entity.features());
    features.add(DiscoInfo.INFO);
    features.forEach(feature -> answer.addElement("feature").addAttribute("var", feature));
    for (DataForm form : entity.forms()) {
      answer.add(form.getElement().createCopy());
    }
    return answer;
  }

  private static Element emptyAnswer(DiscoQuery request) {
    Element answer = DocumentHelper.createElement(request.query().getQName());
    if (request.node() != null) {
      answer.addAttribute("node", request.node());
    }
    return answer;
  }

  private static StanzaErrorException notFound(DiscoQuery request) {
    return new StanzaErrorException(PacketError.Condition.item_not_found, request.node() != null
        ? "no node '" + request.node() + "'" : "no entity " + request.addressee().toBareJID());
  }

  private static AddressKey addressKey(JID address) {
    return new AddressKey(address.getNode() == null ? "" : address.getNode(), address.getResource());
  }
}
