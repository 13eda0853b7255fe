package dev.kindling.cli.ready;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.kindling.config.ConfigKey;
import dev.kindling.config.ConfigKeys;
import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Replies;
import dev.kindling.inject.Components;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.inject.ReadyComponent;
import jakarta.inject.Inject;
import org.xmpp.packet.Message;

/**
 * A ready component for the tests, {@code parrot}, listed in the test {@code META-INF/services}: repeats each chat
 * message after its {@code parrot.prefix}. Written with the public API only, as a jar shipping one would be.
 */
public final class ParrotReady implements ReadyComponent {
  /** What the parrot says before the message. */
  public static final ConfigKey<String> PREFIX = ConfigKey.string("parrot.prefix").withDefault("Polly:")
      .withDescription("what the parrot says before each message it repeats");

  /** Repeats a chat message after the prefix. */
  @Identity(category = "component", type = "generic", name = "Parrot")
  public static final class Parrot {
    private final String prefix;

    @Inject
    Parrot(KindlingConfig config) {
      this.prefix = config.get(PREFIX);
    }

    @MessageHandler(type = Message.Type.chat)
    Message repeat(Message in) {
      return Replies.to(in).withBody(prefix + " " + in.getBody());
    }
  }

  @Override
  public String name() {
    return "parrot";
  }

  @Override
  public String description() {
    return "repeats each chat message after parrot.prefix";
  }

  @Override
  public Module module(String componentName) {
    return new AbstractModule() {
      @Override
      protected void configure() {
        ConfigKeys.declare(binder(), PREFIX);
        Components.bind(binder()).add(componentName, Parrot.class);
      }
    };
  }
}
