package dev.kindling.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ComponentSettingsTest {
  private final ComponentSettings.Builder valid =
      ComponentSettings.builder().domain("echo.example.org").secret("s3cret");

  @Test
  void serverDomainDefaultsToTheDomainWithoutItsFirstLabel() {
    assertThat(valid.build().serverDomain()).isEqualTo("example.org");
    assertThat(valid.serverDomain("xmpp.example.org").build().serverDomain()).isEqualTo("xmpp.example.org");
  }

  @Test
  void portOutOfRangeNamesTheValueAndTheRule() {
    assertThatThrownBy(() -> valid.port(70000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port out of range: 70000 (expected 1..65535)");
  }

  @Test
  void missingDomainOrSecretIsNamed() {
    assertThatThrownBy(() -> ComponentSettings.builder().secret("x").build()).hasMessage("domain is missing");
    assertThatThrownBy(() -> ComponentSettings.builder().domain("a.b").build()).hasMessage("secret is missing");
    assertThatThrownBy(() -> valid.secret("").build()).hasMessage("secret is empty");
  }

  @Test
  void domainMustBeABareDomain() {
    assertThatThrownBy(() -> valid.domain("bot@example.org").build())
        .hasMessage("domain is not a bare domain name: 'bot@example.org'");
  }

  @Test
  void toStringNeverShowsTheSecret() {
    assertThat(valid.secret("very-secret-value").build().toString())
        .doesNotContain("very-secret-value")
        .isEqualTo("ComponentSettings[echo.example.org at 127.0.0.1:5347, server domain example.org]");
  }
}
