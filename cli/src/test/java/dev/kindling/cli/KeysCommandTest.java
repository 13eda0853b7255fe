package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import dev.kindling.config.ConfigKey;
import dev.kindling.config.ConfigKeys;
import org.junit.jupiter.api.Test;

class KeysCommandTest {
  static final String TOKEN = "do-not-print-this-token";

  /** Declares a secret key with a default, and a required one. */
  public static final class TokenModule extends AbstractModule {
    @Override
    protected void configure() {
      ConfigKeys.declare(binder(), ConfigKey.secret("api.token").withDefault(TOKEN).withDescription("the API token"),
          ConfigKey.jid("api.owner").required().withDescription("who owns it"));
    }
  }

  @Test
  void listsKindlingsKeysWithTypeDefaultAndDescription() {
    CommandResult result = CommandResult.run("keys");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out().lines()).first().asString().matches("KEY +TYPE +DEFAULT +DESCRIPTION");
    assertThat(result.out()).containsPattern("\nport +int \\(1\\.\\.65535\\) +5347 +the server's component port")
        .containsPattern("\ndrain-seconds +duration \\(or seconds\\) +10s +")
        .containsPattern("\ndata-dir +path +\\./kindling-data +")
        .containsPattern("\nretry-first-connect +boolean +true +");
  }

  @Test
  void listsAModulesKeysAndNeverASecretsDefault() {
    CommandResult result = CommandResult.run("keys", "--module", TokenModule.class.getName(),
        "--module", "dev.kindling.samples.greeter.GreeterModule");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).containsPattern("\napi\\.token +secret +<hidden> +the API token")
        .containsPattern("\napi\\.owner +JID +required +who owns it")
        .containsPattern("\ngreeter\\.times +int \\(1\\.\\.5\\) +1 +how many times")
        .doesNotContain(TOKEN);
  }

  @Test
  void listsTheReadyComponentsOnTheClassPathAndTheKeysTheyDeclare() {
    CommandResult result = CommandResult.run("keys");

    assertThat(result.exitCode()).isZero();
    assertThat(result.out())
        .containsPattern("\ncomponent\\.<name>\\.kind +string +— +the ready component it runs")
        .containsPattern("\nparrot\\.prefix +string +Polly: +what the parrot says before each message")
        .containsPattern("\npubsub\\.database-url +string +an H2 file under data-dir/pubsub +JDBC URL")
        .containsPattern("\nbot\\.<name>\\.rooms +JID list +none +rooms the bot <name> joins")
        .containsPattern("\nrelay\\.max-transfer-bytes +size +0 +the most one transfer may relay")
        .endsWith("\n\nREADY COMPONENT  DESCRIPTION (run with --set components=NAME)\n"
            + "mucbot           group-chat bots (XEP-0045): a command bot (!roll, !seen, !uptime) and a PubSub-to-room"
            + " bridge\n"
            + "parrot           repeats each chat message after parrot.prefix\n"
            + "pubsub           publish-subscribe service (XEP-0060) on H2 or PostgreSQL\n"
            + "relay            SOCKS5 bytestreams proxy (XEP-0065) for file transfers, with limits\n");
  }

  @Test
  void printsTheReadmesMarkdownTable() {
    CommandResult result = CommandResult.run("keys", "--markdown");

    assertThat(result.out()).startsWith("| key | type | default | meaning |\n|---|---|---|---|\n| `host` | string |"
        + " 127.0.0.1 | the server's host, for every component without its own |\n")
        .endsWith("|\n\n| ready component | what it is |\n|---|---|\n| `mucbot` | group-chat bots (XEP-0045): a command"
            + " bot (!roll, !seen, !uptime) and a PubSub-to-room bridge |\n| `parrot` | repeats each chat message after"
            + " parrot.prefix |\n| `pubsub` | publish-subscribe service (XEP-0060) on H2 or PostgreSQL |\n"
            + "| `relay` | SOCKS5 bytestreams proxy (XEP-0065) for file transfers, with limits |\n");
  }

  @Test
  void aModuleThatIsNotThereIsAUsageErrorOfKeys() {
    CommandResult result = CommandResult.run("keys", "--module", "com.example.Missing");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).isEqualTo("kindling: --module com.example.Missing is not on the class path (add its jar"
        + " with --jar) (see 'kindling keys --help')\n");
  }
}
