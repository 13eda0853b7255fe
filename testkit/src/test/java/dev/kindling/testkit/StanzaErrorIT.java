package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.dom4j.QName;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jxmpp.jid.impl.JidCreate;
import org.xmpp.packet.PacketError;

/** Stanza errors with application-specific conditions, as a Smack client on a real server sees them. */
class StanzaErrorIT {
  private static final String PUBSUB_ERRORS = "http://jabber.org/protocol/pubsub#errors";

  @Identity(category = "pubsub", type = "service", name = "Refuses")
  static final class Refusing {
    /** XEP-0060 §7.1.3.2: the service does not publish. */
    @IqHandler(element = "publish", namespace = "urn:test:errors")
    void publish() {
      Element unsupported = DocumentHelper.createElement(QName.get("unsupported", PUBSUB_ERRORS))
          .addAttribute("feature", "publish");
      throw StanzaErrorException.withApplicationCondition(PacketError.Condition.feature_not_implemented,
          "this service does not publish", unsupported);
    }

    /** A chosen type, and an application condition with a child. */
    @IqHandler(element = "busy", namespace = "urn:test:errors")
    void busy() {
      Element quota = DocumentHelper.createElement(QName.get("quota", "urn:test:errors"))
          .addAttribute("retry-after", "30");
      quota.addElement("limit").setText("100");
      throw new StanzaErrorException(PacketError.Condition.not_allowed, PacketError.Type.wait, "over quota", quota);
    }
  }

  private static Kindling start(XmppServer server) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(server.kindlingConfig()), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).add("test2", Refusing.class);
      }
    });
    kindling.start();
    return kindling;
  }

  private static StanzaError errorFor(SmackClient client, XmppServer server, String element) throws Exception {
    HandlerApiIT.ChildIq request = new HandlerApiIT.ChildIq(element, "urn:test:errors",
        JidCreate.domainBareFrom(server.componentDomain("test2")));
    return catchThrowableOfType(XMPPException.XMPPErrorException.class,
        () -> client.connection().sendIqRequestAndWaitForResponse(request)).getStanzaError();
  }

  @XmppServerTest
  void aClientSeesTheConditionTextTypeAndTheApplicationConditionsAttributes(XmppServer server) throws Exception {
    try (Kindling kindling = start(server); SmackClient alice = SmackClient.login(server, "alice")) {
      StanzaError unsupported = errorFor(alice, server, "publish");
      StanzaError busy = errorFor(alice, server, "busy");

      assertThat(unsupported.getCondition()).isEqualTo(StanzaError.Condition.feature_not_implemented);
      assertThat(unsupported.getType()).isEqualTo(StanzaError.Type.CANCEL);
      assertThat(unsupported.getDescriptiveText()).isEqualTo("this service does not publish");
      StandardExtensionElement application = unsupported.getExtension("unsupported", PUBSUB_ERRORS);
      assertThat(application.getAttributeValue("feature")).isEqualTo("publish");

      assertThat(busy.getCondition()).isEqualTo(StanzaError.Condition.not_allowed);
      assertThat(busy.getType()).isEqualTo(StanzaError.Type.WAIT);
      assertThat(busy.getDescriptiveText()).isEqualTo("over quota");
      StandardExtensionElement quota = busy.getExtension("quota", "urn:test:errors");
      assertThat(quota.getAttributeValue("retry-after")).isEqualTo("30");
      assertThat(quota.getFirstElement("limit").getText()).isEqualTo("100");
    }
  }
}
