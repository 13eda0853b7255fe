package dev.kindling.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kindling.builtin.Builtin;
import dev.kindling.connection.ComponentSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KindlingConfigTest {
  @TempDir
  Path dir;

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("kindling.properties"), text);
  }

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFile() throws IOException {
    Path file = file("port=5000\nhost=file.example\nsecret=from-file\nserver-domain=example.org\n");
    KindlingConfig config = KindlingConfig.load(file,
        Map.of("KINDLING_PORT", "6000", "KINDLING_HOST", "env.example"), Map.of("port", "7000"));

    ComponentSettings echo = config.componentSettings("echo");

    assertThat(echo.port()).isEqualTo(7000);
    assertThat(echo.host()).isEqualTo("env.example");
    assertThat(echo.secret()).isEqualTo("from-file");
    assertThat(echo.domain()).isEqualTo("echo.example.org");
  }

  @Test
  void componentKeysAreReadFromTheEnvironmentToo() {
    KindlingConfig config = KindlingConfig.load(null,
        Map.of("KINDLING_COMPONENT_MY_BOT_DOMAIN", "bot.example.org", "KINDLING_COMPONENT_MY_BOT_SECRET", "s"),
        Map.of());

    assertThat(config.componentSettings("my-bot").domain()).isEqualTo("bot.example.org");
  }

  @Test
  void everyBadValueIsNamedWithItsSource() throws IOException {
    Path file = file("port=abc\n");
    KindlingConfig config = KindlingConfig.load(file, Map.of("KINDLING_SEND_QUEUE", "lots"), Map.of());

    assertThatThrownBy(() -> config.componentSettings("echo"))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
            "component.echo.domain is missing (set it, or server-domain to use echo.<server-domain>)",
            "component.echo.secret is missing (set it, or secret for every component; environment "
                + "KINDLING_COMPONENT_ECHO_SECRET or KINDLING_SECRET)",
            "port = 'abc' (from " + file + ") is not a whole number",
            "send-queue = 'lots' (from environment KINDLING_SEND_QUEUE) is not a whole number"));
  }

  @Test
  void outOfRangeValuesGetTheSettingsOwnMessage() {
    KindlingConfig config = KindlingConfig.of(Map.of("port", "70000", "secret", "s", "server-domain", "example.org"));

    assertThatThrownBy(() -> config.componentSettings("echo"))
        .hasMessage("configuration: port out of range: 70000 (expected 1..65535)");
  }

  @Test
  void unknownKeysAreRefusedSoTyposDoNotPassSilently() throws IOException {
    Path file = file("prot=5347\ncomponent.echo.domian=x\n");

    assertThatThrownBy(() -> KindlingConfig.load(file, Map.of(), Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "unknown key 'prot' in " + file, "unknown key 'component.echo.domian' in " + file));
  }

  @Test
  void adminsArePreparedAsJidsAndBadOnesNamed() {
    assertThat(KindlingConfig.of(Map.of("admins", " Boss@Example.ORG/desk , ops@example.org")).admins())
        .containsExactly("boss@example.org", "ops@example.org");
    assertThatThrownBy(() -> KindlingConfig.of(Map.of("admins", "a@b@c")).admins())
        .hasMessage("configuration: admins lists 'a@b@c', which is not an XMPP address");
  }

  @Test
  void builtinsAreOnUnlessSwitchedOff() {
    assertThat(KindlingConfig.of(Map.of()).builtins()).containsExactlyInAnyOrder(Builtin.values());
    assertThat(KindlingConfig.of(Map.of("builtins.time", "false")).builtins()).doesNotContain(Builtin.TIME);
    assertThatThrownBy(() -> KindlingConfig.of(Map.of("builtins.time", "maybe")).builtins())
        .hasMessage("configuration: builtins.time = 'maybe' (from flag --set builtins.time) is not true or false");
  }
}
