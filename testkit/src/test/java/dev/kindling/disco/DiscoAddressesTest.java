package dev.kindling.disco;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.handler.Address;
import dev.kindling.handler.Blocking;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.testkit.ComponentTester;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.PacketError;

class DiscoAddressesTest {
  @Identity(category = "pubsub", type = "service", name = "Nodes")
  static final class Service implements DiscoProvider {
    final List<String> asked = new CopyOnWriteArrayList<>();

    @IqHandler(element = "pubsub", namespace = "urn:test:pubsub", type = IQ.Type.set)
    void publish() {}

    @Override
    @Blocking
    public Optional<EntityInfo> info(DiscoQuery query) {
      asked.add(query.requester() + " asked " + query.addressee() + " node " + query.node() + " on "
          + Thread.currentThread().getName());
      if ("secret".equals(query.node())) {
        throw new StanzaErrorException(PacketError.Condition.forbidden, "not for you");
      }
      return "news".equals(query.node())
          ? Optional.of(new EntityInfo(List.of(new DiscoIdentity("pubsub", "leaf", "News")), List.of()))
          : Optional.empty();
    }

    @Override
    public List<DiscoItem> items(DiscoQuery query) {
      return query.isForDomain() ? java.util.stream.Stream.of("a", "b", "c", "d", "e")
          .map(node -> new DiscoItem(query.addressee(), node, null)).toList() : List.of();
    }
  }

  @Address(local = "helper")
  @Identity(category = "client", type = "bot", name = "Helper")
  static final class Helper {
    @MessageHandler(namespace = "urn:test:help")
    void help(Message message) {}
  }

  /** Answers for dynamic addresses later, as a provider waiting for a store would. */
  static final class Later implements DiscoProvider {
    final CompletableFuture<Optional<EntityInfo>> answer = new CompletableFuture<>();

    @Override
    public CompletionStage<Optional<EntityInfo>> infoAsync(DiscoQuery query) {
      return query.addressee().getNode() != null && query.addressee().getNode().startsWith("bot")
          ? answer : CompletableFuture.completedFuture(Optional.empty());
    }
  }

  private static ComponentTester tester() {
    return ComponentTester.of(Service.class, Helper.class, Later.class).domain("pubsub.localhost").build();
  }

  private static IQ info(ComponentTester tester, String to, String node) {
    return tester.iq("<iq type='get' id='i1' from='alice@localhost/r' to='" + to + "'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'" + (node == null ? "" : " node='" + node + "'")
        + "/></iq>");
  }

  private static List<String> vars(IQ answer, String element, String attribute) {
    return answer.getChildElement().elements(element).stream().map(e -> e.attributeValue(attribute)).toList();
  }

  @Test
  void anAddressAnswersWithItsOwnIdentitiesAndFeaturesAndTheBuiltIns() {
    try (ComponentTester tester = tester()) {
      IQ helper = info(tester, "helper@pubsub.localhost", null);
      IQ domain = info(tester, "pubsub.localhost", null);

      assertThat(vars(helper, "identity", "name")).containsExactly("Helper");
      assertThat(vars(helper, "feature", "var")).containsExactly("http://jabber.org/protocol/disco#info",
          "http://jabber.org/protocol/disco#items", "jabber:iq:last", "jabber:iq:version", "urn:test:help",
          "urn:xmpp:ping", "urn:xmpp:time");
      assertThat(vars(domain, "identity", "name")).containsExactly("Nodes");
      assertThat(vars(domain, "feature", "var")).contains("urn:test:pubsub").doesNotContain("urn:test:help");
    }
  }

  @Test
  void providersHearTheRequesterAndAddresseeAndRunOnTheBlockingPoolWhenTheyBlock() {
    try (ComponentTester tester = tester()) {
      IQ news = info(tester, "pubsub.localhost", "news");

      assertThat(vars(news, "identity", "name")).containsExactly("News");
      assertThat(news.getChildElement().attributeValue("node")).isEqualTo("news");
      assertThat(tester.instance(Service.class).asked).singleElement().asString()
          .startsWith("alice@localhost/r asked pubsub.localhost node news on kindling-blocking-");
    }
  }

  @Test
  void anUnknownNodeOrAddressIsItemNotFoundAndAProviderMayAnswerWithAnError() {
    try (ComponentTester tester = tester()) {
      IQ node = info(tester, "pubsub.localhost", "nope");
      IQ address = info(tester, "nobody@pubsub.localhost", null);
      IQ secret = info(tester, "pubsub.localhost", "secret");

      assertThat(node.getError().getCondition()).isEqualTo(PacketError.Condition.item_not_found);
      assertThat(node.getError().getText()).isEqualTo("no node 'nope'");
      assertThat(address.getError().getCondition()).isEqualTo(PacketError.Condition.item_not_found);
      assertThat(address.getError().getText()).isEqualTo("no entity nobody@pubsub.localhost");
      assertThat(secret.getError().getCondition()).isEqualTo(PacketError.Condition.forbidden);
    }
  }

  @Test
  void aProviderMayAnswerWithAFuture() {
    try (ComponentTester tester = tester()) {
      IQ request = new IQ(IQ.Type.get, "i9");
      request.setFrom("alice@localhost/r");
      request.setTo("bot7@pubsub.localhost");
      request.setChildElement("query", DiscoInfo.INFO);
      tester.receive(request);
      assertThat(tester.nextSent(java.time.Duration.ofMillis(100))).isNull();

      tester.instance(Later.class).answer.complete(Optional.of(
          new EntityInfo(List.of(new DiscoIdentity("client", "bot", "Bot 7")), List.of("urn:test:bot"))));

      IQ answer = tester.answerTo(request);
      Element query = answer.getChildElement();
      assertThat(query.element("identity").attributeValue("name")).isEqualTo("Bot 7");
      assertThat(vars(answer, "feature", "var")).containsExactly("http://jabber.org/protocol/disco#info",
          "urn:test:bot");
    }
  }

  @Test
  void discoItemsArePagedWhenTheRequesterAsksForAResultSet() {
    try (ComponentTester tester = tester()) {
      IQ first = tester.iq("<iq type='get' id='r1' from='alice@localhost/r' to='pubsub.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/disco#items'><set xmlns='http://jabber.org/protocol/rsm'>"
          + "<max>2</max></set></query></iq>");
      Element set = first.getChildElement().element(org.dom4j.QName.get("set", "http://jabber.org/protocol/rsm"));
      IQ next = tester.iq("<iq type='get' id='r2' from='alice@localhost/r' to='pubsub.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/disco#items'><set xmlns='http://jabber.org/protocol/rsm'>"
          + "<max>2</max><after>" + set.elementText("last") + "</after></set></query></iq>");
      IQ all = tester.iq("<iq type='get' id='r3' from='alice@localhost/r' to='pubsub.localhost'>"
          + "<query xmlns='http://jabber.org/protocol/disco#items'/></iq>");

      assertThat(vars(first, "item", "node")).containsExactly("a", "b");
      assertThat(set.elementText("count")).isEqualTo("5");
      assertThat(vars(next, "item", "node")).containsExactly("c", "d");
      assertThat(vars(all, "item", "node")).containsExactly("a", "b", "c", "d", "e");
    }
  }
}
