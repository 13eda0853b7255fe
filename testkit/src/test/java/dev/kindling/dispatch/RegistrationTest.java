package dev.kindling.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.handler.Identity;
import dev.kindling.handler.IqHandler;
import dev.kindling.handler.MessageHandler;
import dev.kindling.testkit.ComponentTester;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.Message;

class RegistrationTest {
  @Identity(category = "component", type = "generic")
  static final class First {
    @IqHandler(element = "query", namespace = "urn:test:dup")
    void one() {}
  }

  static final class Second {
    @IqHandler(element = "query", namespace = "urn:test:dup")
    void two() {}

    @IqHandler(element = "query", namespace = "urn:test:string")
    String text() {
      return "not an answer";
    }

    @MessageHandler(type = Message.Type.chat)
    void element(Element element) {}
  }

  static final class NoIdentity {
    @IqHandler(element = "query", namespace = "urn:test:alone")
    void alone() {}
  }

  /** A service nobody bound: Guice cannot create an interface. */
  interface Unbound {}

  /** Another service nobody bound. */
  interface AlsoUnbound {}

  @Identity(category = "component", type = "generic")
  static final class NeedsUnbound {
    @IqHandler(element = "query", namespace = "urn:test:unbound")
    void use(Unbound service) {}

    @IqHandler(element = "query", namespace = "urn:test:both")
    void useBoth(Unbound first, AlsoUnbound second) {}
  }

  @Test
  void everyProblemIsReportedAtOnceNamingClassAndMethod() {
    assertThatThrownBy(() -> ComponentTester.of(First.class, Second.class).build())
        .isInstanceOfSatisfying(HandlerRegistrationException.class, e -> assertThat(e.problems()).containsExactly(
            "Second.element(Element): takes an Element, which needs the @MessageHandler namespace to choose it",
            "Second.text(): returns String; an IQ handler returns void, IQ, Element, Payload or a CompletionStage of one",
            "Second.two(): handles IQ get <query xmlns='urn:test:dup'>, as First.one() already does"))
        .hasMessageStartingWith("3 problems with the handlers of tested:");
  }

  @Test
  void aComponentWithoutIdentityDoesNotStart() {
    assertThatThrownBy(() -> ComponentTester.of(NoIdentity.class).build())
        .isInstanceOfSatisfying(HandlerRegistrationException.class, e -> assertThat(e.problems()).containsExactly(
            "tested has no identity: put @Identity(category = …, type = …) on one of its handler classes"
                + " (XEP-0030 requires at least one)"));
  }

  @Test
  void aHandlerClassBoundInAModuleIsReportedNotThrownRaw() {
    assertThatThrownBy(() -> ComponentTester.of(First.class).modules(new com.google.inject.AbstractModule() {
      @Override
      protected void configure() {
        bind(First.class).asEagerSingleton();
      }
    }).build())
        .isInstanceOf(HandlerRegistrationException.class)
        .hasMessageContaining("Guice cannot give the component its own First");
  }

  @Test
  void everyParameterGuiceCannotSupplyIsReportedWithTheOtherProblems() {
    assertThatThrownBy(() -> ComponentTester.of(NeedsUnbound.class, Second.class).build())
        .isInstanceOfSatisfying(HandlerRegistrationException.class, e -> assertThat(e.problems())
            .contains("Second.text(): returns String; an IQ handler returns void, IQ, Element, Payload or a"
                + " CompletionStage of one")
            .anySatisfy(problem -> assertThat(problem).startsWith("NeedsUnbound.useBoth(Unbound, AlsoUnbound): cannot"
                + " supply parameter first of type dev.kindling.dispatch.RegistrationTest$Unbound"))
            .anySatisfy(problem -> assertThat(problem).startsWith("NeedsUnbound.useBoth(Unbound, AlsoUnbound): cannot"
                + " supply parameter second of type dev.kindling.dispatch.RegistrationTest$AlsoUnbound")));
  }

  @Test
  void aParameterGuiceCannotSupplyIsReportedAtStart() {
    assertThatThrownBy(() -> ComponentTester.of(NeedsUnbound.class).build())
        .isInstanceOf(HandlerRegistrationException.class)
        .hasMessageContaining("NeedsUnbound.use(Unbound): cannot supply parameter service of type "
            + "dev.kindling.dispatch.RegistrationTest$Unbound");
  }
}
