package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  @Test
  void aComponentNamedLikeOneOfTheServersOwnServicesIsRefused() {
    assertThatThrownBy(() -> ServerConfig.withExtraComponents(List.of("serverpubsub")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("component name 'serverpubsub' is taken by a service of the server itself (conference, "
            + "serverpubsub, proxy)");
    assertThatThrownBy(() -> ServerConfig.withExtraComponents(List.of("proxy")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'proxy' is taken");
    assertThatThrownBy(() -> ServerConfig.withExtraComponents(List.of("conference")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("component name 'conference' is taken");
  }

  @Test
  void theDefaultsIncludeTheComponentKindlingsPubSubConnectsAs() {
    assertThat(ServerConfig.withExtraComponents(List.of("pubsub", "weather")).componentNames())
        .containsExactly("echo", "sample", "test1", "test2", "test3", "pubsub", "weather");
  }
}
