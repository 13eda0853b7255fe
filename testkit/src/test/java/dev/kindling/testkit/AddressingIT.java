package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Address;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Replies;
import dev.kindling.handler.To;
import dev.kindling.inject.Components;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.xmpp.packet.JID;

/** Handlers bound to addresses of one component domain, against real servers and a Smack client. */
class AddressingIT {
  @Identity(category = "component", type = "generic", name = "Bots")
  static final class Bots {
    @MessageHandler(type = org.xmpp.packet.Message.Type.chat)
    org.xmpp.packet.Message domain(org.xmpp.packet.Message in, @To JID to) {
      return Replies.to(in).withBody("the domain answers for " + to.toBareJID());
    }
  }

  @Address(local = "helper")
  @Identity(category = "client", type = "bot", name = "Helper")
  static final class Helper {
    @MessageHandler(type = org.xmpp.packet.Message.Type.chat)
    org.xmpp.packet.Message help(org.xmpp.packet.Message in) {
      return Replies.to(in).withBody("Helper here: " + in.getBody());
    }
  }

  @Address(local = "roller")
  @Identity(category = "client", type = "bot", name = "Roller")
  static final class Roller {
    @MessageHandler(type = org.xmpp.packet.Message.Type.chat)
    org.xmpp.packet.Message roll(org.xmpp.packet.Message in) {
      return Replies.to(in).withBody("Roller rolled 4");
    }
  }

  private static Kindling start(XmppServer server) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(server.kindlingConfig()), new AbstractModule() {
      @Override
      protected void configure() {
        Components.bind(binder()).add("test1", Bots.class, Helper.class, Roller.class);
      }
    });
    kindling.start();
    return kindling;
  }

  @XmppServerTest
  void twoHandlerClassesBoundToTwoLocalPartsEachAnswerAClient(XmppServer server) throws Exception {
    String domain = server.componentDomain("test1");
    try (Kindling kindling = start(server); SmackClient alice = SmackClient.login(server, "alice")) {
      Jid helper = JidCreate.from("helper@" + domain);
      Jid roller = JidCreate.from("roller@" + domain + "/table");

      Message fromHelper = alice.chat(helper, "hello");
      Message fromRoller = alice.chat(roller, "roll");
      Message fromDomain = alice.chat(JidCreate.from("someone@" + domain), "anyone?");

      assertThat(fromHelper.getBody()).isEqualTo("Helper here: hello");
      assertThat(fromHelper.getFrom().toString()).isEqualTo(helper.toString());
      assertThat(fromRoller.getBody()).isEqualTo("Roller rolled 4");
      assertThat(fromRoller.getFrom().toString()).isEqualTo(roller.toString());
      assertThat(fromDomain.getBody()).isEqualTo("the domain answers for someone@" + domain);
    }
  }

  @XmppServerTest
  void discoInfoToALocalPartAnswersForThatEntity(XmppServer server) throws Exception {
    String domain = server.componentDomain("test1");
    try (Kindling kindling = start(server); SmackClient alice = SmackClient.login(server, "alice")) {
      ServiceDiscoveryManager disco = ServiceDiscoveryManager.getInstanceFor(alice.connection());

      DiscoverInfo helper = disco.discoverInfo(JidCreate.from("helper@" + domain));
      DiscoverInfo service = disco.discoverInfo(JidCreate.from(domain));

      assertThat(helper.getIdentities()).singleElement().satisfies(identity -> {
        assertThat(identity.getCategory()).isEqualTo("client");
        assertThat(identity.getType()).isEqualTo("bot");
        assertThat(identity.getName()).isEqualTo("Helper");
      });
      assertThat(helper.containsFeature("urn:xmpp:ping")).isTrue();
      assertThat(service.getIdentities()).extracting(DiscoverInfo.Identity::getName).containsExactly("Bots");
      try {
        disco.discoverInfo(JidCreate.from("nobody@" + domain));
        throw new AssertionError("disco#info of an address nobody serves succeeded");
      } catch (XMPPException.XMPPErrorException e) {
        assertThat(e.getStanzaError().getCondition()).isEqualTo(StanzaError.Condition.item_not_found);
      }
    }
  }
}
