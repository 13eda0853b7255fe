package dev.kindling.samples.greeter;

import dev.kindling.handler.Identity;
import dev.kindling.handler.MessageHandler;
import dev.kindling.handler.Replies;
import dev.kindling.inject.KindlingConfig;
import jakarta.inject.Inject;
import java.util.Collections;
import org.xmpp.packet.Message;

/** Greets whoever writes, with the greeting, count and signature of its configuration ({@link GreeterKeys}). */
@Identity(category = "component", type = "generic", name = "Greeter")
public final class GreeterComponent {
  private final String greeting;
  private final String signature;

  /** Reads the greeter's keys once, when the component is built (after the configuration was checked). */
  @Inject
  GreeterComponent(KindlingConfig config) {
    this.greeting = String.join(" ",
        Collections.nCopies(config.get(GreeterKeys.TIMES), config.get(GreeterKeys.GREETING)));
    this.signature = config.get(GreeterKeys.SIGNATURE);
  }

  @MessageHandler
  Message greet(Message message) {
    return Replies.to(message).withBody(greeting + ", " + message.getBody() + "! (" + signature + ")");
  }
}
