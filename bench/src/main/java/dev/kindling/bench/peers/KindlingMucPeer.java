package dev.kindling.bench.peers;

import com.google.inject.AbstractModule;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.mucbot.MucBots;
import dev.kindling.mucbot.OnCommand;
import dev.kindling.mucbot.RoomBot;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Kindling's MUC bot in the MUC benchmark: {@code bot@<domain>/bot} in the rooms given, answering
 * {@code !echo <text>} with the text. The rate limits are lifted: the benchmark floods on purpose.
 *
 * <p>Arguments: {@code host port domain secret rooms} (rooms comma-separated bare JIDs).
 */
public final class KindlingMucPeer {
  private KindlingMucPeer() {}

  /** The bot of the benchmark. */
  @RoomBot(nick = "bot")
  static final class EchoBot {
    @OnCommand(value = "echo", args = "<text>", description = "says the text back")
    String echo(String text) {
      return text;
    }
  }

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    String domain = args[2];
    String name = domain.substring(0, domain.indexOf('.'));
    KindlingConfig config = KindlingConfig.of(Map.of(
        "host", args[0],
        "component." + name + ".port", args[1],
        "component." + name + ".domain", domain,
        "secret", args[3],
        "bot.bot.rooms", args[4],
        "mucbot.occupant-limit", "1000000",
        "mucbot.room-limit", "1000000",
        "mucbot.self-ping", "0s"));
    Kindling kindling = Kindling.create(config, new AbstractModule() {
      @Override
      protected void configure() {
        MucBots.bind(binder(), name, EchoBot.class);
      }
    });
    kindling.start();
    System.out.println("READY");
    Runtime.getRuntime().addShutdownHook(new Thread(kindling::close));
    new CountDownLatch(1).await();
  }
}
