package dev.kindling.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.kindling.testkit.ComponentTester;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.dom4j.Element;
import org.dom4j.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xmpp.forms.DataForm;
import org.xmpp.packet.IQ;
import org.xmpp.packet.PacketError;

class AdHocCommandsTest {
  private static final String ALICE = "alice@localhost/phone";
  private static final String NS = AdHocCommandHandler.NAMESPACE;

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-27T12:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private final MovableClock clock = new MovableClock();
  private final ComponentTester tester = ComponentTester.of(CityCommands.class).domain("cities.localhost")
      .config("admins", "Admin@LocalHost")
      .config("command-session-seconds", "60")
      .modules(new AbstractModule() {
        @Override
        protected void configure() {
          bind(Clock.class).toInstance(clock);
        }
      })
      .build();
  private int ids;

  @AfterEach
  void close() {
    tester.close();
  }

  private IQ command(String from, String attributes, String form) {
    return tester.iq("<iq type='set' id='c" + (++ids) + "' from='" + from + "' to='cities.localhost'>"
        + "<command xmlns='" + NS + "' " + attributes + ">" + form + "</command></iq>");
  }

  private static String submit(String... fields) {
    StringBuilder form = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>");
    for (int i = 0; i < fields.length; i += 2) {
      form.append("<field var='").append(fields[i]).append("'><value>").append(fields[i + 1]).append("</value></field>");
    }
    return form.append("</x>").toString();
  }

  private static DataForm form(Element command) {
    return new DataForm(command.element(QName.get("x", DataForm.NAMESPACE)));
  }

  private static List<String> actions(Element command) {
    return command.element("actions").elements().stream().map(Element::getName).toList();
  }

  @Test
  void twoStageCommandRunsToCompletion() {
    Element first = command(ALICE, "node='register-city' action='execute'", "").getChildElement();
    String session = first.attributeValue("sessionid");
    assertThat(first.attributeValue("status")).isEqualTo("executing");
    assertThat(first.element("actions").attributeValue("execute")).isEqualTo("next");
    assertThat(actions(first)).containsExactly("next");
    assertThat(form(first).getField("units").getFirstValue()).isEqualTo("metric");

    Element second = command(ALICE, "node='register-city' sessionid='" + session + "' action='next'",
        submit("city", "Paris", "units", "imperial")).getChildElement();
    assertThat(actions(second)).containsExactly("prev", "complete");
    assertThat(second.elementText("note")).isEqualTo("Registering Paris");

    Element done = command(ALICE, "node='register-city' sessionid='" + session + "' action='complete'",
        submit("confirm", "true")).getChildElement();
    assertThat(done.attributeValue("status")).isEqualTo("completed");
    assertThat(done.elementText("note")).isEqualTo("Registered Paris in imperial units for alice@localhost.");
    assertThat(tester.instance(CommandSessions.class).size()).isZero();
  }

  @Test
  void invalidSubmissionShowsTheFormAgainWithEveryProblem() {
    String session = command(ALICE, "node='register-city'", "").getChildElement().attributeValue("sessionid");

    Element again = command(ALICE, "node='register-city' sessionid='" + session + "' action='next'",
        submit("units", "kelvin", "zip", "abc")).getChildElement();

    assertThat(again.attributeValue("status")).isEqualTo("executing");
    Element note = again.element("note");
    assertThat(note.attributeValue("type")).isEqualTo("error");
    assertThat(note.getText()).isEqualTo("City is required; Units must be one of metric, imperial, not 'kelvin';"
        + " ZIP must be five digits");
    assertThat(form(again).getTitle()).isEqualTo("Register a city");
  }

  @Test
  void prevReturnsToThePreviousFormAndCancelEndsTheSession() {
    String session = command(ALICE, "node='register-city'", "").getChildElement().attributeValue("sessionid");
    command(ALICE, "node='register-city' sessionid='" + session + "' action='next'", submit("city", "Oslo"));

    Element back = command(ALICE, "node='register-city' sessionid='" + session + "' action='prev'", "")
        .getChildElement();
    Element canceled = command(ALICE, "node='register-city' sessionid='" + session + "' action='cancel'", "")
        .getChildElement();
    IQ afterCancel = command(ALICE, "node='register-city' sessionid='" + session + "' action='next'",
        submit("city", "Oslo"));

    assertThat(form(back).getTitle()).isEqualTo("Register a city");
    assertThat(canceled.attributeValue("status")).isEqualTo("canceled");
    assertThat(afterCancel.getError().getCondition()).isEqualTo(PacketError.Condition.bad_request);
    assertThat(afterCancel.getError().getApplicationConditionName()).isEqualTo("bad-sessionid");
  }

  @Test
  void sessionExpiresAfterItsTimeout() {
    String session = command(ALICE, "node='register-city'", "").getChildElement().attributeValue("sessionid");
    clock.advance(Duration.ofSeconds(61));

    IQ late = command(ALICE, "node='register-city' sessionid='" + session + "' action='next'", submit("city", "Rome"));

    assertThat(late.getError().getCondition()).isEqualTo(PacketError.Condition.not_allowed);
    assertThat(late.getError().getApplicationConditionName()).isEqualTo("session-expired");
  }

  @Test
  void anotherUserCannotContinueSomeoneElsesSession() {
    String session = command(ALICE, "node='register-city'", "").getChildElement().attributeValue("sessionid");

    IQ stolen = command("mallory@localhost/x", "node='register-city' sessionid='" + session + "' action='next'",
        submit("city", "Rome"));

    assertThat(stolen.getError().getApplicationConditionName()).isEqualTo("bad-sessionid");
  }

  @Test
  void accessRulesForbidAndHideCommands() {
    IQ forbidden = command(ALICE, "node='purge'", "");
    IQ allowed = command("admin@localhost/desk", "node='purge'", "");
    IQ remote = command("bob@example.org/x", "node='mine'", "");
    IQ unknown = command(ALICE, "node='nope'", "");

    assertThat(forbidden.getError().getCondition()).isEqualTo(PacketError.Condition.forbidden);
    assertThat(allowed.getChildElement().attributeValue("status")).isEqualTo("completed");
    assertThat(remote.getError().getCondition()).isEqualTo(PacketError.Condition.forbidden);
    assertThat(unknown.getError().getCondition()).isEqualTo(PacketError.Condition.item_not_found);
  }

  @Test
  void commandsAreListedInDiscoItemsForThoseWhoMayRunThem() {
    IQ forAlice = tester.iq("<iq type='get' id='l1' from='" + ALICE + "' to='cities.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#items' node='" + NS + "'/></iq>");
    IQ forAdmin = tester.iq("<iq type='get' id='l2' from='admin@localhost/desk' to='cities.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#items' node='" + NS + "'/></iq>");
    IQ info = tester.iq("<iq type='get' id='l3' from='" + ALICE + "' to='cities.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");

    assertThat(nodes(forAlice)).containsExactly("broken", "mine", "picky", "register-city");
    assertThat(nodes(forAdmin)).containsExactly("broken", "mine", "picky", "purge", "register-city");
    assertThat(info.getChildElement().elements("feature").stream().map(f -> f.attributeValue("var")))
        .contains(NS, "jabber:x:data");
  }

  @Test
  void theCommandsNodeHasAnIdentityAndFeatures() {
    Element info = tester.iq("<iq type='get' id='n1' from='" + ALICE + "' to='cities.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info' node='" + NS + "'/></iq>").getChildElement();

    assertThat(info.element("identity").attributeValue("type")).isEqualTo("command-list");
    assertThat(info.elements("feature")).extracting(f -> f.attributeValue("var"))
        .contains(NS, "http://jabber.org/protocol/disco#info");
  }

  @Test
  void aStageThatFailsEndsItsSessionAndAFailedStartLeavesNone() {
    IQ broken = command(ALICE, "node='broken'", "");
    String session = command(ALICE, "node='picky'", "").getChildElement().attributeValue("sessionid");
    IQ refused = command(ALICE, "node='picky' sessionid='" + session + "' action='next'", submit("city", "Atlantis"));
    IQ again = command(ALICE, "node='picky' sessionid='" + session + "' action='next'", submit("city", "Atlantis"));

    assertThat(broken.getError().getCondition()).isEqualTo(PacketError.Condition.not_acceptable);
    assertThat(refused.getError().getText()).isEqualTo("no such city");
    assertThat(again.getError().getApplicationConditionName()).isEqualTo("bad-sessionid");
    assertThat(tester.instance(CommandSessions.class).size()).isZero();
  }

  @Test
  void oneRequesterCannotTakeEverySession() {
    for (int i = 0; i < CommandSessions.MAX_PER_REQUESTER; i++) {
      command("mallory@localhost/x" + i, "node='register-city'", "");
    }

    IQ greedy = command("mallory@localhost/more", "node='register-city'", "");
    IQ others = command(ALICE, "node='register-city'", "");
    IQ oneStep = command("mallory@localhost/more", "node='mine'", "");

    assertThat(greedy.getError().getCondition()).isEqualTo(PacketError.Condition.resource_constraint);
    assertThat(others.getChildElement().attributeValue("status")).isEqualTo("executing");
    assertThat(oneStep.getChildElement().attributeValue("status")).isEqualTo("completed");
  }

  @Test
  void aCancelFormCancelsAndAnUnknownActionIsMalformed() {
    String first = command(ALICE, "node='register-city'", "").getChildElement().attributeValue("sessionid");
    String second = command(ALICE, "node='register-city'", "").getChildElement().attributeValue("sessionid");

    Element canceled = command(ALICE, "node='register-city' sessionid='" + first + "' action='next'",
        "<x xmlns='jabber:x:data' type='cancel'/>").getChildElement();
    IQ unknown = command(ALICE, "node='register-city' sessionid='" + second + "' action='jump'", "");

    assertThat(canceled.attributeValue("status")).isEqualTo("canceled");
    assertThat(unknown.getError().getApplicationConditionName()).isEqualTo("malformed-action");
  }

  private static List<String> nodes(IQ items) {
    return items.getChildElement().elements("item").stream().map(item -> item.attributeValue("node")).sorted().toList();
  }
}
