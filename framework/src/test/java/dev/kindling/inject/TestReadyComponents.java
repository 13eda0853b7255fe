package dev.kindling.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.kindling.config.ConfigKey;
import dev.kindling.config.ConfigKeys;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Replies;
import dev.kindling.handler.To;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * Ready components for the tests. {@link Hello} and {@link Forgetful} are listed in this module's test
 * {@code META-INF/services}; {@link Hidden} and {@link HelloAgain} only in files a test writes.
 */
public final class TestReadyComponents {
  /** What {@link Hello} says first. */
  static final ConfigKey<String> GREETING = ConfigKey.string("hello.greeting").withDefault("Hello")
      .withDescription("what the hello component says first");

  private TestReadyComponents() {}

  /** The answers every {@link Greeter} gave, each after the domain it answered from. */
  @Singleton
  static final class Heard {
    final List<String> answers = new CopyOnWriteArrayList<>();
  }

  /** Answers a chat message with the greeting and the message's body. */
  @Identity(category = "component", type = "generic", name = "Hello")
  static final class Greeter {
    private final String greeting;
    private final Heard heard;

    @Inject
    Greeter(KindlingConfig config, Heard heard) {
      this.greeting = config.get(GREETING);
      this.heard = heard;
    }

    @MessageHandler(type = Message.Type.chat)
    Message greet(Message in, @To JID to) {
      Message answer = Replies.to(in).withBody(greeting + ", " + in.getBody());
      heard.answers.add(to.getDomain() + ": " + answer.getBody());
      return answer;
    }
  }

  /** A module declaring {@link Greeter} as component {@code name}, with its key. */
  private static Module greeter(String name) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        ConfigKeys.declare(binder(), GREETING);
        Components.bind(binder()).add(name, Greeter.class);
      }
    };
  }

  /** A ready component made of its name, its description and how its module is made. */
  abstract static class Fixture implements ReadyComponent {
    private final String name;
    private final String description;
    private final Function<String, Module> module;

    Fixture(String name, String description, Function<String, Module> module) {
      this.name = name;
      this.description = description;
      this.module = module;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public Module module(String componentName) {
      return module.apply(componentName);
    }
  }

  /** {@code hello}: answers a chat message with a greeting. */
  public static final class Hello extends Fixture {
    public Hello() {
      super("hello", "answers a chat message with a greeting", TestReadyComponents::greeter);
    }
  }

  /** {@code forgetful}: its module declares a key but no component. */
  public static final class Forgetful extends Fixture {
    public Forgetful() {
      super("forgetful", "forgets to declare its component", componentName -> new AbstractModule() {
        @Override
        protected void configure() {
          ConfigKeys.declare(binder(), GREETING);
        }
      });
    }
  }

  /** {@code hidden}: {@link Hello} under another name, found only through a class loader a test makes. */
  public static final class Hidden extends Fixture {
    public Hidden() {
      super("hidden", "answers a chat message with a greeting, from a jar of its own", TestReadyComponents::greeter);
    }
  }

  /** A second {@code hello}, for the clash of two ready components with one name. */
  public static final class HelloAgain extends Fixture {
    public HelloAgain() {
      super("hello", "another hello", TestReadyComponents::greeter);
    }
  }
}
