package dev.kindling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Replies;
import dev.kindling.inject.ConfigException;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.testkit.ComponentTester;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/** A module's own keys, as a handler reads them, through the in-memory tester. */
class ModuleKeysTest {
  static final ConfigKey<Integer> LIMIT = ConfigKey.integer("quota.limit", 1, 100).withDefault(3)
      .withDescription("messages a user may send per minute");
  static final ConfigKey<JID> OWNER = ConfigKey.jid("quota.owner").required()
      .withDescription("who is told when a user goes over");

  /** Declares the quota keys. */
  static final class QuotaModule extends AbstractModule {
    @Override
    protected void configure() {
      ConfigKeys.declare(binder(), LIMIT, OWNER);
    }
  }

  /** Says what it was configured with. */
  @Identity(category = "component", type = "generic", name = "Quota")
  static final class Quota {
    private final KindlingConfig config;

    @Inject
    Quota(KindlingConfig config) {
      this.config = config;
    }

    @MessageHandler
    Message answer(Message message) {
      return Replies.to(message).withBody("limit " + config.get(LIMIT) + ", owner " + config.get(OWNER));
    }
  }

  private static String answer(ComponentTester quota) {
    quota.receive("<message type='chat' id='m1' from='alice@localhost/phone' to='component.localhost'>"
        + "<body>limits?</body></message>");
    return ((Message) quota.nextSent()).getBody();
  }

  @Test
  void aHandlerReadsItsModulesKeysAsConfigured() {
    try (ComponentTester quota = ComponentTester.of(Quota.class).config(LIMIT.name(), "7")
        .config(OWNER.name(), "Boss@Localhost").modules(new QuotaModule()).build()) {
      assertThat(answer(quota)).isEqualTo("limit 7, owner boss@localhost");
    }
  }

  @Test
  void aKeyNobodySetHasItsDefault() {
    try (ComponentTester quota = ComponentTester.of(Quota.class).config(OWNER.name(), "boss@localhost")
        .modules(new QuotaModule()).build()) {
      assertThat(answer(quota)).isEqualTo("limit 3, owner boss@localhost");
    }
  }

  @Test
  void aMistypedKeyAndAMissingOneStopTheComponentWithEveryProblem() {
    assertThatThrownBy(() -> ComponentTester.of(Quota.class).config("quota.limt", "7").config(LIMIT.name(), "0")
        .modules(new QuotaModule()).build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "quota.limit = '0' (from flag --set quota.limit) is out of range (expected 1..100)",
            "unknown key 'quota.limt' (from flag --set quota.limt); did you mean 'quota.limit'?",
            "quota.owner is not set (set it in the file, as KINDLING_QUOTA_OWNER or with --set quota.owner=…)"));
  }

  @Test
  void aKeyNoModuleDeclaresIsUnknown() {
    assertThatThrownBy(() -> ComponentTester.of(Quota.class).config(LIMIT.name(), "7").build())
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration: unknown key 'quota.limit' (from flag --set quota.limit)");
  }
}
