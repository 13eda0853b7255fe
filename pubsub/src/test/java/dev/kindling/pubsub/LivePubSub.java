package dev.kindling.pubsub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.pubsub.model.PubSubErrors;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.SmackFuture;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.XMPPException.XMPPErrorException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaExtensionFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.provider.ProviderManager;
import org.jivesoftware.smackx.pubsub.PubSubManager;
import org.jivesoftware.smackx.pubsub.provider.AffiliationsProvider;
import org.jivesoftware.smackx.pubsub.provider.SubscriptionProvider;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * The PubSub service started as a user starts it ({@code Kindling.create(config, new PubSubModule())}) on a real
 * server, with its database in a test's directory, and three real clients logged in: alice (who creates nodes),
 * bob (who subscribes) and carol (who tries what she may not). Close it to log them out and stop the service.
 */
final class LivePubSub implements AutoCloseable {
  /** How long a test waits for a notification. */
  static final long WAIT_SECONDS = 10;
  static final String PUBSUB = "http://jabber.org/protocol/pubsub";
  static final String OWNER = PUBSUB + "#owner";
  static final String EVENT = PUBSUB + "#event";
  static final String SUBSCRIBE_AUTHORIZATION = PUBSUB + "#subscribe_authorization";

  static {
    // Smack 4.4.8 has no provider for <subscription/> in pubsub#event (XEP-0060 §8.8.4, the event that tells a
    // subscriber an owner approved it): its EventProvider then casts a StandardExtensionElement to NodeExtension,
    // and Smack closes the connection on the ClassCastException. The provider it has for the same element
    // in the pubsub namespace reads the event's one just as well.
    ProviderManager.addExtensionProvider("subscription", EVENT, new SubscriptionProvider());
    // Nor one for <affiliations/> in pubsub#owner (§8.9.1, the owner's list): Node.getAffiliationsAsOwner() casts
    // the StandardExtensionElement it gets and fails with a ClassCastException against any service.
    ProviderManager.addExtensionProvider("affiliations", OWNER, new AffiliationsProvider());
  }

  private final XmppServer server;
  private final Path dataDir;
  private final Map<String, String> extraConfig;
  private final DomainBareJid service;
  private Kindling kindling;
  final SmackClient alice;
  final SmackClient bob;
  final SmackClient carol;

  private LivePubSub(XmppServer server, Path dataDir, Map<String, String> extraConfig) throws IOException {
    this.server = server;
    this.dataDir = dataDir;
    this.extraConfig = Map.copyOf(extraConfig);
    this.service = JidCreate.domainBareFrom(server.componentDomain(PubSubModule.DEFAULT_NAME));
    this.kindling = startKindling();
    SmackClient a = null;
    SmackClient b = null;
    SmackClient c;
    try {
      a = SmackClient.login(server, "alice");
      b = SmackClient.login(server, "bob");
      c = SmackClient.login(server, "carol");
    } catch (IOException | RuntimeException e) {
      if (a != null) {
        a.close();
      }
      if (b != null) {
        b.close();
      }
      kindling.close();
      throw e;
    }
    this.alice = a;
    this.bob = b;
    this.carol = c;
  }

  /** Starts the service with its defaults on {@code server}, keeping its database in {@code dataDir}. */
  static LivePubSub start(XmppServer server, Path dataDir) throws IOException {
    return start(server, dataDir, Map.of());
  }

  /** Starts the service with {@code extraConfig} (such as {@code pubsub.max-payload-bytes}) on top. */
  static LivePubSub start(XmppServer server, Path dataDir, Map<String, String> extraConfig) throws IOException {
    return new LivePubSub(server, dataDir, extraConfig);
  }

  private Kindling startKindling() throws IOException {
    Map<String, String> config = new HashMap<>(server.kindlingConfig());
    config.put("data-dir", dataDir.toString());
    config.putAll(extraConfig);
    Kindling started = Kindling.create(KindlingConfig.of(config), new PubSubModule());
    started.start();
    return started;
  }

  /** Stops the service (its writes committed, its database closed) and starts another on the same data. */
  void restart() throws IOException {
    kindling.close();
    kindling = startKindling();
  }

  /** The service's address, {@code pubsub.localhost}. */
  DomainBareJid service() {
    return service;
  }

  /** {@code client}'s Smack PubSub manager for the service. */
  PubSubManager pubsub(SmackClient client) {
    return PubSubManager.getInstanceFor(client.connection(), service);
  }

  /** The bare JID of {@code client}. */
  static EntityBareJid jid(SmackClient client) {
    return client.connection().getUser().asEntityBareJid();
  }

  /**
   * Sends an IQ of {@code type} to the service whose child is {@code <pubsub xmlns='namespace'>inner</pubsub>},
   * written as a client writes it, and returns the answer.
   *
   * @throws XMPPErrorException if the service answers with an error
   */
  IQ send(SmackClient from, IQ.Type type, String namespace, String inner)
      throws XMPPErrorException, SmackException.NoResponseException, SmackException.NotConnectedException,
      InterruptedException {
    RawPubSub request = new RawPubSub(namespace, inner);
    request.setType(type);
    request.setTo(service);
    return from.connection().sendIqRequestAndWaitForResponse(request);
  }

  /** Sends what {@link #send} sends without waiting for the answer, as a client pipelines requests. */
  SmackFuture<IQ, Exception> sendAsync(SmackClient from, IQ.Type type, String namespace, String inner) {
    RawPubSub request = new RawPubSub(namespace, inner);
    request.setType(type);
    request.setTo(service);
    return from.connection().sendIqRequestAsync(request);
  }

  /** Collects the messages with a pubsub event that the service sends to {@code client}, from now on. */
  StanzaCollector events(SmackClient client) {
    return client.connection().createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
        FromMatchesFilter.createBare(service), new StanzaExtensionFilter("event", EVENT)));
  }

  /** Collects every message the service sends to {@code client}, from now on. */
  StanzaCollector messages(SmackClient client) {
    return client.connection().createStanzaCollector(new AndFilter(StanzaTypeFilter.MESSAGE,
        FromMatchesFilter.createBare(service)));
  }

  /** The next stanza of {@code collector}, failing the test if none comes within {@value #WAIT_SECONDS} s. */
  static Message next(StanzaCollector collector) throws InterruptedException {
    Message message = collector.nextResult(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
    assertThat(message).as("a message within " + WAIT_SECONDS + " s").isNotNull();
    return message;
  }

  /** The stanza error of the request {@code call} makes, which must fail with one. */
  static StanzaError errorOf(ThrowingCallable call) {
    XMPPErrorException thrown = catchThrowableOfType(XMPPErrorException.class, call);
    assertThat(thrown).as("the request fails with a stanza error").isNotNull();
    return thrown.getStanzaError();
  }

  /** The {@code pubsub#errors} application condition of {@code error}, or {@code null}. */
  static ExtensionElement pubsubCondition(StanzaError error, String name) {
    return error.getExtension(name, PubSubErrors.NAMESPACE);
  }

  /** Asserts {@code error} is {@code condition} with the {@code pubsub#errors} child {@code application}. */
  static void assertError(StanzaError error, StanzaError.Condition condition, String application) {
    assertThat(error.getCondition()).as(error.toXML().toString()).isEqualTo(condition);
    if (application == null) {
      assertThat(error.toXML().toString()).doesNotContain(PubSubErrors.NAMESPACE);
    } else {
      assertThat(pubsubCondition(error, application)).as(error.toXML().toString()).isNotNull();
    }
  }

  /** The submitted authorization form (XEP-0060 §8.6, Example 163), in a message to the service. */
  Message authorization(DataForm request, boolean allow) throws XmppStringprepException {
    DataForm submitted = DataForm.builder(DataForm.Type.submit)
        .addField(FormField.buildHiddenFormType(SUBSCRIBE_AUTHORIZATION))
        .addField(FormField.hiddenBuilder("pubsub#subid").setValue(request.getField("pubsub#subid").getFirstValue())
            .build())
        .addField(FormField.textSingleBuilder("pubsub#node").setValue(request.getField("pubsub#node").getFirstValue())
            .build())
        .addField(FormField.jidSingleBuilder("pubsub#subscriber_jid")
            .setValue(JidCreate.from(request.getField("pubsub#subscriber_jid").getFirstValue())).build())
        .addField(FormField.booleanBuilder("pubsub#allow").setValue(allow).build())
        .build();
    return MessageBuilder.buildMessage().to(service).addExtension(submitted).build();
  }

  @Override
  public void close() {
    alice.close();
    bob.close();
    carol.close();
    kindling.close();
  }

  /** An IQ whose {@code <pubsub/>} child holds XML given as text, as a client library writes it. */
  private static final class RawPubSub extends IQ {
    private final String inner;

    RawPubSub(String namespace, String inner) {
      super("pubsub", namespace);
      this.inner = inner;
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
      xml.rightAngleBracket();
      xml.append(inner);
      return xml;
    }
  }
}
