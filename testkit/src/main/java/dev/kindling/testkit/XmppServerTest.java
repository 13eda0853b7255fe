package dev.kindling.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test method once against each real XMPP server, passing the running {@link XmppServer} as a parameter.
 *
 * <pre>{@code
 * class EchoComponentIT {
 *   @XmppServerTest
 *   void echoesAMessage(XmppServer server) throws Exception {
 *     try (ComponentConnection component = ...connect with server.componentSettings("echo").build()...;
 *          SmackClient alice = SmackClient.login(server, "alice")) {
 *       ...
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>Servers start on first use and are shared by every test of the run (starting ejabberd takes seconds);
 * they stop when the run ends. When a test fails, the server's log tail is printed to standard error. A server
 * that cannot start fails the test with the reason; it is never skipped. Tests that stop the server must start
 * it again.
 *
 * <p>Component domains the servers accept are {@link ServerConfig#DEFAULT_COMPONENTS} plus the
 * comma-separated names in the JUnit configuration parameter {@value XmppServerExtension#COMPONENTS_PARAMETER}
 * (for instance in {@code src/test/resources/junit-platform.properties}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(XmppServerExtension.class)
public @interface XmppServerTest {
  /** The servers to run against; all of them by default. */
  ServerKind[] value() default {ServerKind.PROSODY, ServerKind.EJABBERD};
}
