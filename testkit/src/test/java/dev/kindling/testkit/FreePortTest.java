package dev.kindling.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class FreePortTest {
  @Test
  void aFreePortCanBeBoundOnLoopback() throws Exception {
    int port = XmppServer.freePort();

    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(XmppServer.HOST))) {
      assertThat(socket.getLocalPort()).isEqualTo(port);
    }
  }
}
