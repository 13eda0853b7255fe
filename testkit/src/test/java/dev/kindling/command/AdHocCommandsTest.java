package dev.kindling.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.kindling.testkit.CommandRun;
import dev.kindling.testkit.ComponentTester;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.dom4j.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

  @Test
  void twoStageCommandRunsToCompletion() {
    CommandRun run = CommandRun.start(tester, "register-city", ALICE);
    String session = run.sessionId();
    assertThat(run.status()).isEqualTo("executing");
    assertThat(run.defaultAction()).isEqualTo("next");
    assertThat(run.actions()).containsExactly("next");
    assertThat(run.form().getField("units").getFirstValue()).isEqualTo("metric");

    run.next(Map.of("city", "Paris", "units", "imperial"));
    assertThat(run.actions()).containsExactly("prev", "complete");
    assertThat(run.notes()).containsExactly(new CommandRun.Note("info", "Registering Paris"));

    run.complete(Map.of("confirm", "true"));
    assertThat(run.status()).isEqualTo("completed");
    assertThat(run.sessionId()).isEqualTo(session);
    assertThat(run.notes()).extracting(CommandRun.Note::text)
        .containsExactly("Registered Paris in imperial units for alice@localhost.");
    assertThat(tester.instance(CommandSessions.class).size()).isZero();
  }

  @Test
  void invalidSubmissionShowsTheFormAgainWithEveryProblem() {
    CommandRun run = CommandRun.start(tester, "register-city", ALICE)
        .next(Map.of("units", "kelvin", "zip", "abc"));

    assertThat(run.status()).isEqualTo("executing");
    assertThat(run.notes()).containsExactly(new CommandRun.Note("error", "City is required; Units must be one of"
        + " metric, imperial, not 'kelvin'; ZIP must be five digits"));
    assertThat(run.form().getTitle()).isEqualTo("Register a city");
  }

  @Test
  void aFormShownAgainKeepsTheValuesTheUserTyped() {
    CommandRun run = CommandRun.start(tester, "register-city", ALICE)
        .next(Map.of("city", "Paris", "units", "imperial", "zip", "75 001"));

    assertThat(run.notes()).extracting(CommandRun.Note::type).containsExactly("error");
    assertThat(run.form().getField("city").getValues()).containsExactly("Paris");
    assertThat(run.form().getField("units").getValues()).containsExactly("imperial");
    assertThat(run.form().getField("zip").getValues()).containsExactly("75 001");
    assertThat(run.form().getField("units").getOptions()).hasSize(2);

    run.next(Map.of("city", "Paris", "units", "imperial", "zip", "75001"));
    assertThat(run.notes()).containsExactly(new CommandRun.Note("info", "Registering Paris"));
  }

  @Test
  void aFieldLeftOutOfTheSubmissionShowsItsDefaultAgain() {
    CommandRun run = CommandRun.start(tester, "register-city", ALICE).next(Map.of("zip", "1"));

    assertThat(run.form().getField("units").getValues()).containsExactly("metric");
    assertThat(run.form().getField("zip").getValues()).containsExactly("1");
    assertThat(run.form().getField("city").getValues()).isEmpty();
  }

  @Test
  void commandStagesRunOnTheBlockingPoolNeverOnTheReader() {
    CommandRun run = CommandRun.start(tester, "where", ALICE);

    assertThat(run.status()).isEqualTo("completed");
    assertThat(run.notes()).singleElement().extracting(CommandRun.Note::text).asString()
        .startsWith("kindling-blocking-")
        .isNotEqualTo(Thread.currentThread().getName());
  }

  @Test
  void prevReturnsToThePreviousFormAndCancelEndsTheSession() {
    CommandRun run = CommandRun.start(tester, "register-city", ALICE).next(Map.of("city", "Oslo"));

    assertThat(run.prev().form().getTitle()).isEqualTo("Register a city");
    assertThat(run.actions()).containsExactly("next");
    assertThat(run.cancel().status()).isEqualTo("canceled");
    run.next(Map.of("city", "Oslo"));
    assertThat(run.error().getCondition()).isEqualTo(PacketError.Condition.bad_request);
    assertThat(run.error().getApplicationConditionName()).isEqualTo("bad-sessionid");
    assertThat(run.status()).isNull();
  }

  @Test
  void sessionExpiresAfterItsTimeout() {
    CommandRun run = CommandRun.start(tester, "register-city", ALICE);
    clock.advance(Duration.ofSeconds(61));

    run.next(Map.of("city", "Rome"));

    assertThat(run.error().getCondition()).isEqualTo(PacketError.Condition.not_allowed);
    assertThat(run.error().getApplicationConditionName()).isEqualTo("session-expired");
  }

  @Test
  void anotherUserCannotContinueSomeoneElsesSession() {
    String session = CommandRun.start(tester, "register-city", ALICE).sessionId();

    IQ stolen = command("mallory@localhost/x", "node='register-city' sessionid='" + session + "' action='next'",
        submit("city", "Rome"));

    assertThat(stolen.getError().getApplicationConditionName()).isEqualTo("bad-sessionid");
  }

  @Test
  void accessRulesForbidAndHideCommands() {
    CommandRun forbidden = CommandRun.start(tester, "purge", ALICE);
    CommandRun allowed = CommandRun.start(tester, "purge", "admin@localhost/desk");
    CommandRun remote = CommandRun.start(tester, "mine", "bob@example.org/x");
    CommandRun unknown = CommandRun.start(tester, "nope", ALICE);

    assertThat(forbidden.error().getCondition()).isEqualTo(PacketError.Condition.forbidden);
    assertThat(allowed.status()).isEqualTo("completed");
    assertThat(remote.error().getCondition()).isEqualTo(PacketError.Condition.forbidden);
    assertThat(unknown.error().getCondition()).isEqualTo(PacketError.Condition.item_not_found);
  }

  @Test
  void commandsAreListedInDiscoItemsForThoseWhoMayRunThem() {
    IQ forAlice = tester.iq("<iq type='get' id='l1' from='" + ALICE + "' to='cities.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#items' node='" + NS + "'/></iq>");
    IQ forAdmin = tester.iq("<iq type='get' id='l2' from='admin@localhost/desk' to='cities.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#items' node='" + NS + "'/></iq>");
    IQ info = tester.iq("<iq type='get' id='l3' from='" + ALICE + "' to='cities.localhost'>"
        + "<query xmlns='http://jabber.org/protocol/disco#info'/></iq>");

    assertThat(nodes(forAlice)).containsExactly("broken", "mine", "picky", "register-city", "where");
    assertThat(nodes(forAdmin)).containsExactly("broken", "mine", "picky", "purge", "register-city", "where");
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
    CommandRun broken = CommandRun.start(tester, "broken", ALICE);
    CommandRun picky = CommandRun.start(tester, "picky", ALICE);
    String refused = picky.next(Map.of("city", "Atlantis")).error().getText();
    String again = picky.next(Map.of("city", "Atlantis")).error().getApplicationConditionName();

    assertThat(broken.error().getCondition()).isEqualTo(PacketError.Condition.not_acceptable);
    assertThat(refused).isEqualTo("no such city");
    assertThat(again).isEqualTo("bad-sessionid");
    assertThat(tester.instance(CommandSessions.class).size()).isZero();
  }

  @Test
  void oneRequesterCannotTakeEverySession() {
    for (int i = 0; i < CommandSessions.MAX_PER_REQUESTER; i++) {
      assertThat(CommandRun.start(tester, "register-city", "mallory@localhost/x" + i).status()).isEqualTo("executing");
    }

    CommandRun greedy = CommandRun.start(tester, "register-city", "mallory@localhost/more");
    CommandRun others = CommandRun.start(tester, "register-city", ALICE);
    CommandRun oneStep = CommandRun.start(tester, "mine", "mallory@localhost/more");

    assertThat(greedy.error().getCondition()).isEqualTo(PacketError.Condition.resource_constraint);
    assertThat(others.status()).isEqualTo("executing");
    assertThat(oneStep.status()).isEqualTo("completed");
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
