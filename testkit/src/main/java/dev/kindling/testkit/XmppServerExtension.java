package dev.kindling.testkit;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;

/**
 * The JUnit 5 extension behind {@link XmppServerTest}: one invocation per server kind, the server started once
 * per test run and kept in the root context's store, which stops it when the run ends.
 */
public final class XmppServerExtension implements TestTemplateInvocationContextProvider {
  /** The JUnit configuration parameter naming extra component domains, comma-separated first labels. */
  public static final String COMPONENTS_PARAMETER = "kindling.testkit.components";

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(XmppServerExtension.class);

  @Override
  public boolean supportsTestTemplate(ExtensionContext context) {
    return context.getTestMethod().map(method -> method.isAnnotationPresent(XmppServerTest.class)).orElse(false);
  }

  @Override
  public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
    XmppServerTest annotation = context.getRequiredTestMethod().getAnnotation(XmppServerTest.class);
    return Arrays.stream(annotation.value()).map(OnServer::new);
  }

  /**
   * The running server of {@code kind} for this test run, started on first use.
   *
   * @throws IOException if it cannot start
   */
  public static XmppServer server(ExtensionContext context, ServerKind kind) throws IOException {
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    Started started = store.getOrComputeIfAbsent(kind, key -> Started.start(kind, config(context)), Started.class);
    return started.get();
  }

  private static ServerConfig config(ExtensionContext context) {
    List<String> extra = context.getConfigurationParameter(COMPONENTS_PARAMETER)
        .map(value -> Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).toList())
        .orElse(List.of());
    return ServerConfig.withExtraComponents(extra);
  }

  /** A started server, or why it could not start, remembered so that every test reports the same failure. */
  private record Started(XmppServer server, IOException failure) implements AutoCloseable {
    static Started start(ServerKind kind, ServerConfig config) {
      try {
        return new Started(switch (kind) {
          case PROSODY -> ProsodyServer.start(config);
          case EJABBERD -> EjabberdServer.start(config);
        }, null);
      } catch (IOException e) {
        return new Started(null, e);
      }
    }

    XmppServer get() throws IOException {
      if (failure != null) {
        throw new IOException("the test server could not start: " + failure.getMessage(), failure);
      }
      return server;
    }

    @Override
    public void close() throws IOException {
      if (server != null) {
        server.close();
      }
    }
  }

  /** One invocation of a test against one server. */
  private static final class OnServer implements TestTemplateInvocationContext, ParameterResolver,
      TestExecutionExceptionHandler {
    private final ServerKind kind;

    OnServer(ServerKind kind) {
      this.kind = kind;
    }

    @Override
    public String getDisplayName(int invocationIndex) {
      return kind.displayName();
    }

    @Override
    public List<Extension> getAdditionalExtensions() {
      return List.of(this);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
      return XmppServer.class.isAssignableFrom(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
      try {
        return server(context, kind);
      } catch (IOException e) {
        throw new ParameterResolutionException(kind.displayName() + ": " + e.getMessage(), e);
      }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
      try {
        XmppServer server = server(context, kind);
        System.err.println("---- " + server + " log, last lines, for failed test " + context.getDisplayName()
            + " ----\n" + server.logTail(60) + "\n---- end of " + kind.displayName() + " log ----");
      } catch (IOException e) {
        failure.addSuppressed(e);
      }
      throw failure;
    }
  }
}
