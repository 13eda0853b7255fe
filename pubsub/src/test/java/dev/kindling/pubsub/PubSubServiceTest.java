package dev.kindling.pubsub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.ComponentTester;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;

class PubSubServiceTest {
  @TempDir
  Path dataDir;

  @ParameterizedTest
  @EnumSource(TestDatabase.class)
  void aPublishedItemReachesTheSubscriberAndStaysAfterARestart(TestDatabase database) {
    ComponentTester.Builder server = PubSubTesters.inMemoryServer(database, dataDir);
    try (ComponentTester pubsub = server.build()) {
      IQ created = pubsub.iq("<iq type='set' id='c1' from='alice@localhost/a' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='news'/></pubsub></iq>");
      assertThat(created.getType()).as(created.toXML()).isEqualTo(IQ.Type.result);
      IQ subscribed = pubsub.iq("<iq type='set' id='s1' from='bob@localhost/b' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='news' jid='bob@localhost'/>"
          + "</pubsub></iq>");
      assertThat(subscribed.toXML()).contains("subscription=\"subscribed\"");
      IQ published = pubsub.iq("<iq type='set' id='p1' from='alice@localhost/a' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='news'><item id='first'>"
          + "<entry xmlns='urn:test'>hello</entry></item></publish></pubsub></iq>");
      assertThat(published.toXML()).as(published.toXML()).contains("<item id=\"first\"");
      Packet event = pubsub.nextSent();
      assertThat(event).isInstanceOf(Message.class);
      assertThat(event.getTo().toString()).isEqualTo("bob@localhost");
      assertThat(event.toXML()).contains("pubsub#event").contains("hello");
    }
    try (ComponentTester pubsub = server.build()) {
      IQ items = pubsub.iq("<iq type='get' id='i1' from='bob@localhost/b' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='news'/></pubsub></iq>");
      assertThat(items.toXML()).as(items.toXML()).contains("first").contains("hello");
      IQ subscriptions = pubsub.iq("<iq type='get' id='s2' from='bob@localhost/b' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions/></pubsub></iq>");
      assertThat(subscriptions.toXML()).contains("node=\"news\"").contains("subscribed");
    }
  }

  /** What Smack 4.4.8 drops when it parses an event, so that {@link PubSubIT} cannot see it. */
  @Test
  void notificationsNameThePublisherAndADeleteItsRedirect() {
    try (ComponentTester pubsub = PubSubTesters.inMemoryServer(dataDir).build()) {
      pubsub.iq("<iq type='set' id='c1' from='alice@localhost/a' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><create node='news'/><configure>"
          + "<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'>"
          + "<value>http://jabber.org/protocol/pubsub#node_config</value></field>"
          + "<field var='pubsub#itemreply'><value>publisher</value></field></x></configure></pubsub></iq>");
      pubsub.iq("<iq type='set' id='s1' from='bob@localhost/b' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='news' jid='bob@localhost'/>"
          + "</pubsub></iq>");

      pubsub.iq("<iq type='set' id='p1' from='alice@localhost/a' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><publish node='news'><item id='x'>"
          + "<entry xmlns='urn:test'/></item></publish></pubsub></iq>");
      assertThat(pubsub.nextSent().toXML()).contains("<item id=\"x\" publisher=\"alice@localhost\">");
      pubsub.iq("<iq type='set' id='d1' from='alice@localhost/a' to='pubsub.localhost'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub#owner'><delete node='news'>"
          + "<redirect uri='xmpp:pubsub.localhost?;node=fresh'/></delete></pubsub></iq>");
      assertThat(pubsub.nextSent().toXML())
          .contains("<delete node=\"news\"><redirect uri=\"xmpp:pubsub.localhost?;node=fresh\"/></delete>");
    }
  }
}
