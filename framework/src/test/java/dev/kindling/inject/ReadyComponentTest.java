package dev.kindling.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Key;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xmpp.packet.Message;

/** Components chosen by name among the {@link ReadyComponent}s on the class path ({@link TestReadyComponents}). */
class ReadyComponentTest {
  @TempDir
  Path dir;

  /** A configuration attaching to localhost, with {@code more} keys. */
  private static KindlingConfig config(String... more) {
    Map<String, String> keys = new HashMap<>(Map.of("secret", "s3cret", "server-domain", "localhost"));
    for (int i = 0; i < more.length; i += 2) {
      keys.put(more[i], more[i + 1]);
    }
    return KindlingConfig.of(keys);
  }

  /** The answer component {@code name} of {@code kindling} gives alice, as its handler recorded it. */
  private static String answer(Kindling kindling, String name) {
    ComponentRuntime component = kindling.component(name);
    TestReadyComponents.Heard heard = component.injector().getInstance(TestReadyComponents.Heard.class);
    int before = heard.answers.size();
    Message message = new Message();
    message.setType(Message.Type.chat);
    message.setID("m" + before);
    message.setFrom("alice@localhost/phone");
    message.setTo(kindling.connection(name).settings().domain());
    message.setBody("alice");
    component.inbound().packetReceived(message);
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.answers.size() > before);
    return heard.answers.get(before);
  }

  private static ConfigException configProblems(Callable<Kindling> create) {
    return (ConfigException) catchThrowable(() -> create.call().close());
  }

  @Test
  void aNameInComponentsRunsTheReadyComponentOfThatNameWithItsOwnKeys() {
    try (Kindling kindling = Kindling.create(config("components", "hello", "hello.greeting", "Bonjour"))) {
      assertThat(kindling.componentNames()).containsExactly("hello");
      assertThat(kindling.connection("hello").settings().domain()).isEqualTo("hello.localhost");
      assertThat(answer(kindling, "hello")).isEqualTo("hello.localhost: Bonjour, alice");
    }
  }

  @Test
  void kindRunsAReadyComponentUnderOtherNamesOnceForEach() {
    try (Kindling kindling = Kindling.create(config("components", "hello-a,hello-b", "component.hello-a.kind", "hello",
        "component.hello-b.kind", "hello", "component.hello-b.domain", "greetings.example.org"))) {
      assertThat(kindling.componentNames()).containsExactly("hello-a", "hello-b");
      assertThat(answer(kindling, "hello-a")).isEqualTo("hello-a.localhost: Hello, alice");
      assertThat(answer(kindling, "hello-b")).isEqualTo("greetings.example.org: Hello, alice");
    }
  }

  /** Declares its own component {@code hello}, answering nothing. */
  static final class OwnHelloModule extends AbstractModule {
    @Identity(category = "component", type = "generic", name = "Own")
    static final class Own {
      @MessageHandler(type = Message.Type.chat)
      void ignore(Message in) {
        // answers nothing: the ready hello would
      }
    }

    @Override
    protected void configure() {
      Components.bind(binder()).add("hello", Own.class);
    }
  }

  @Test
  void aModulesComponentWinsOverTheReadyComponentOfItsName() {
    try (Kindling kindling = Kindling.create(config("components", "hello"), new OwnHelloModule())) {
      assertThat(kindling.componentNames()).containsExactly("hello");
      assertThat(kindling.component("hello").injector().getInstance(OwnHelloModule.Own.class)).isNotNull();
      assertThat(kindling.component("hello").injector().getExistingBinding(Key.get(TestReadyComponents.Greeter.class)))
          .isNull();
    }
  }

  @Test
  void anUnknownNameIsAProblemListingTheReadyComponentsWithTheClosest() {
    ConfigException e = configProblems(() -> Kindling.create(config("components", "helo,zzzzzz")));

    assertThat(e.problems()).containsExactly(
        "components lists 'helo': no ready component has that name (did you mean 'hello'? ready: forgetful, hello),"
            + " no module declares it, and component.helo.handlers is not set",
        "components lists 'zzzzzz': no ready component has that name (ready: forgetful, hello), no module declares"
            + " it, and component.zzzzzz.handlers is not set");
  }

  @Test
  void anUnknownNameAndAKeyOfTheComponentMeantAreToldTogether() {
    ConfigException e = configProblems(() -> Kindling.create(config("components", "helo",
        "hello.greeting", "Hi")));

    assertThat(e.problems()).containsExactly(
        "components lists 'helo': no ready component has that name (did you mean 'hello'? ready: forgetful, hello),"
            + " no module declares it, and component.helo.handlers is not set",
        "unknown key 'hello.greeting' (from flag --set hello.greeting)");
  }

  @Test
  void anUnknownKindIsAProblemNamingItsSource() {
    ConfigException e = configProblems(() -> Kindling.create(config("components", "greeter",
        "component.greeter.kind", "helo")));

    assertThat(e.problems()).containsExactly("component.greeter.kind = 'helo' (from flag --set component.greeter.kind)"
        + " names no ready component (did you mean 'hello'? ready: forgetful, hello)");
  }

  @Test
  void kindBesideHandlersOrAModulesComponentIsAProblem() {
    ConfigException e = configProblems(() -> Kindling.create(config("components", "plain,hello",
        "component.plain.kind", "hello", "component.plain.handlers", OwnHelloModule.Own.class.getName(),
        "component.hello.kind", "hello"), new OwnHelloModule()));

    assertThat(e.problems()).containsExactly(
        "component.plain.kind and component.plain.handlers are both set: a component runs a ready component or"
            + " handler classes of its own, not both",
        "component.hello.kind is set, but a module declares component 'hello' too: drop one");
  }

  @Test
  void aReadyComponentWhoseModuleDeclaresNoComponentOfItsNameIsAProblem() {
    ConfigException e = configProblems(() -> Kindling.create(config("components", "forgetful")));

    assertThat(e.problems()).containsExactly("ready component forgetful (" + TestReadyComponents.Forgetful.class
        .getName() + ") declares no component 'forgetful': its module(name) must add a component of the name it is"
        + " given");
  }

  @Test
  void aNameListedTwiceIsAProblem() {
    ConfigException e = configProblems(() -> Kindling.create(config("components", "hello,hello")));

    assertThat(e.problems()).containsExactly("components lists 'hello' more than once");
  }

  @Test
  void noComponentsAtAllNamesTheReadyOnes() {
    assertThatThrownBy(() -> Kindling.create(config()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("configuration: no components to run: list them under 'components', each a ready component"
            + " (forgetful, hello) or with its component.<name>.handlers, or declare them in a module with"
            + " Components.bind(binder())");
  }

  /** A class loader that also sees {@code entries} in a {@code META-INF/services} file, as a --jar would add. */
  private URLClassLoader withServices(String... entries) throws IOException {
    Path services = dir.resolve("META-INF/services/" + ReadyComponent.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, String.join("\n", entries) + "\n");
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  private static <T> T withContextClassLoader(ClassLoader loader, Callable<T> call) throws Exception {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return call.call();
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void readyComponentsAreFoundThroughTheContextClassLoader() throws Exception {
    try (URLClassLoader loader = withServices(TestReadyComponents.Hidden.class.getName())) {
      try (Kindling kindling = withContextClassLoader(loader, () -> Kindling.create(config("components", "hidden")))) {
        assertThat(answer(kindling, "hidden")).isEqualTo("hidden.localhost: Hello, alice");
      }
      assertThat(ReadyComponents.load(loader).names()).containsExactly("forgetful", "hello", "hidden");
    }
    assertThat(configProblems(() -> Kindling.create(config("components", "hidden"))).problems()).first().asString()
        .startsWith("components lists 'hidden': no ready component has that name");
  }

  @Test
  void providersThatCannotBeLoadedOrShareANameAreProblemsWhenANameIsLookedUp() throws Exception {
    try (URLClassLoader loader = withServices("com.example.Missing", TestReadyComponents.HelloAgain.class.getName())) {
      ReadyComponents ready = ReadyComponents.load(loader);
      String missing = "ready components: " + ReadyComponent.class.getName() + ": Provider com.example.Missing not"
          + " found";
      String twice = "ready components " + TestReadyComponents.Hello.class.getName() + " and "
          + TestReadyComponents.HelloAgain.class.getName() + " are both named 'hello': remove one from the class path";

      assertThat(ready.problems()).containsExactly(missing, twice);
      assertThat(ready.names()).containsExactly("forgetful", "hello");
      assertThat(ready.named("hello")).containsInstanceOf(TestReadyComponents.Hello.class);
      assertThat(withContextClassLoader(loader, () -> configProblems(() -> Kindling.create(config("components",
          "hello"))).problems())).containsExactly(missing, twice);
    }
  }
}
