package dev.kindling.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.AbstractModule;
import dev.kindling.connection.ConnectionState;
import dev.kindling.handler.Identity;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KindlingStartTest {
  @Identity(category = "component", type = "generic")
  static final class Quiet {}

  private static Kindling kindling(int port, String retry) {
    return Kindling.create(KindlingConfig.of(Map.of("secret", "s3cret", "server-domain", "localhost",
        "port", Integer.toString(port), "retry-first-connect", retry)), new AbstractModule() {
          @Override
          protected void configure() {
            Components.bind(binder()).add("quiet", Quiet.class);
          }
        });
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aServerNotUpYetIsRetriedInTheBackgroundByDefault() throws Exception {
    try (Kindling kindling = kindling(closedPort(), "true")) {
      kindling.start();

      assertThat(kindling.connection("quiet").state()).isIn(ConnectionState.DISCONNECTED, ConnectionState.CONNECTING);
    }
  }

  @Test
  void withoutRetryAServerNotUpFailsTheStartWithOneLine() throws Exception {
    int port = closedPort();
    try (Kindling kindling = kindling(port, "false")) {
      assertThatThrownBy(kindling::start).isInstanceOf(IOException.class)
          .hasMessage("cannot connect to 127.0.0.1:" + port + ": connection refused");
      assertThat(kindling.connection("quiet").state()).isEqualTo(ConnectionState.CLOSED);
    }
  }
}
