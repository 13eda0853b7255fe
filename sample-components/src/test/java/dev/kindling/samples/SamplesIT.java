package dev.kindling.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.SmackClient;
import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;
import java.util.List;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.FromMatchesFilter;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;

/** The samples as a user runs them: through {@link SamplesModule}, on real servers, with Smack clients. */
class SamplesIT {
  private static final List<String> BUILT_IN = List.of("http://jabber.org/protocol/disco#info",
      "http://jabber.org/protocol/disco#items", "jabber:iq:last", "jabber:iq:version", "urn:xmpp:ping", "urn:xmpp:time");

  private static Kindling start(XmppServer server) throws Exception {
    Kindling kindling = Kindling.create(KindlingConfig.of(server.kindlingConfig()), new SamplesModule());
    kindling.start();
    return kindling;
  }

  private static List<String> features(SmackClient client, DomainBareJid jid) throws Exception {
    DiscoverInfo info = ServiceDiscoveryManager.getInstanceFor(client.connection()).discoverInfo(jid);
    return info.getFeatures().stream().map(DiscoverInfo.Feature::getVar).sorted().toList();
  }

  @XmppServerTest
  void echoRepliesAndItsDiscoListsExactlyWhatItHandles(XmppServer server) throws Exception {
    try (Kindling kindling = start(server); SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid echo = JidCreate.domainBareFrom(server.componentDomain("echo"));

      assertThat(alice.chat(echo, "Grüße 🔥").getBody()).isEqualTo("Grüße 🔥");
      assertThat(features(alice, echo)).containsExactlyElementsOf(BUILT_IN);
    }
  }

  @XmppServerTest
  void conciergeDiscoAddsCommandsAndDataForms(XmppServer server) throws Exception {
    try (Kindling kindling = start(server); SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid concierge = JidCreate.domainBareFrom(server.componentDomain("concierge"));

      assertThat(features(alice, concierge)).containsExactly("http://jabber.org/protocol/commands",
          "http://jabber.org/protocol/disco#info", "http://jabber.org/protocol/disco#items", "jabber:iq:last",
          "jabber:iq:version", "jabber:x:data", "urn:xmpp:ping", "urn:xmpp:time");
    }
  }

  @XmppServerTest
  void conciergeAsksTheServerForItsVersion(XmppServer server) throws Exception {
    try (Kindling kindling = start(server); SmackClient alice = SmackClient.login(server, "alice")) {
      DomainBareJid concierge = JidCreate.domainBareFrom(server.componentDomain("concierge"));

      String answer = alice.chat(concierge, "version " + server.domain()).getBody();

      assertThat(answer).startsWith(server.domain() + " runs ")
          .containsIgnoringCase(server.kind().displayName());
    }
  }

  @XmppServerTest
  void smackRunsTheAnnounceCommandThroughAllItsStages(XmppServer server) throws Exception {
    try (Kindling kindling = start(server);
         SmackClient alice = SmackClient.login(server, "alice");
         SmackClient bob = SmackClient.login(server, "bob")) {
      DomainBareJid concierge = JidCreate.domainBareFrom(server.componentDomain("concierge"));
      AdHocCommandManager commands = AdHocCommandManager.getAddHocCommandsManager(alice.connection());
      StanzaCollector bobsInbox = bob.connection().createStanzaCollector(
          new AndFilter(StanzaTypeFilter.MESSAGE, FromMatchesFilter.createBare(concierge)));

      DiscoverItems listed = commands.discoverCommands(concierge);
      assertThat(listed.getItems()).extracting(DiscoverItems.Item::getNode).containsExactly("announce");

      RemoteCommand announce = commands.getRemoteCommand(concierge, "announce");
      announce.execute();
      assertThat(announce.getStatus()).isEqualTo(AdHocCommand.Status.executing);
      assertThat(announce.getForm().getTitle()).isEqualTo("Send an announcement");

      FillableForm filled = new FillableForm(announce.getForm());
      filled.setAnswer("to", "bob@" + server.domain());
      filled.setAnswer("text", "Lunch is ready");
      announce.next(filled);
      assertThat(announce.getForm().getTitle()).isEqualTo("Confirm the announcement");

      announce.prev();
      assertThat(announce.getForm().getTitle()).isEqualTo("Send an announcement");
      announce.next(filled);

      FillableForm confirm = new FillableForm(announce.getForm());
      confirm.setAnswer("send", true);
      announce.complete(confirm);

      assertThat(announce.getStatus()).isEqualTo(AdHocCommand.Status.completed);
      assertThat(announce.getNotes()).singleElement().satisfies(note -> assertThat(note.getValue())
          .isEqualTo("Sent to bob@" + server.domain() + "."));
      Message received = bobsInbox.nextResultOrThrow(10_000);
      bobsInbox.cancel();
      assertThat(received.getBody()).isEqualTo("Lunch is ready");
    }
  }
}
