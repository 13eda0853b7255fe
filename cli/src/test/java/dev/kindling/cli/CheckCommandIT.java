package dev.kindling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kindling.testkit.XmppServer;
import dev.kindling.testkit.XmppServerTest;

class CheckCommandIT {
  private static CommandResult check(XmppServer server, String secret) {
    return CommandResult.run("check", "--host", server.host(), "--port", String.valueOf(server.componentPort("test1")),
        "--domain", server.componentDomain("test1"), "--secret", secret);
  }

  @XmppServerTest
  void acceptedHandshakeIsReportedWithExitZero(XmppServer server) {
    CommandResult result = check(server, server.componentSecret());

    assertThat(result.exitCode()).isZero();
    assertThat(result.out()).startsWith("ok: server at 127.0.0.1:" + server.componentPort("test1") + " accepted "
        + server.componentDomain("test1") + " (handshake in ");
    assertThat(result.err()).isEmpty();
  }

  @XmppServerTest
  void wrongSecretPrintsOneLineAndExitsNonZero(XmppServer server) {
    CommandResult result = check(server, "wrong-secret");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).isEqualTo("kindling: server at 127.0.0.1:" + server.componentPort("test1")
        + " refused the secret for " + server.componentDomain("test1") + " (not-authorized; ejabberd also says so for a domain it does not serve)\n");
  }
}
