package dev.kindling.mucbot;

import com.google.inject.Binder;
import com.google.inject.Module;
import dev.kindling.config.ConfigKeys;
import dev.kindling.inject.Components;
import java.util.ArrayList;
import java.util.List;

/**
 * Declares a component of group-chat bots in a Guice module: the bots' classes (each a {@link RoomBot}) plus
 * what runs them, and the {@link MucBotKeys}.
 *
 * <pre>{@code
 * public final class BotsModule extends AbstractModule {
 *   @Override protected void configure() {
 *     MucBots.bind(binder(), "bots", Helper.class, Bridge.class);     // helper@bots.example.org, bridge@…
 *   }
 * }
 * }</pre>
 *
 * <p>The component may have handler classes of its own besides ({@link #classes(Class[])} lists what to add):
 * a bot class may also carry Kindling handler methods, e.g. for PubSub notifications to its address.
 */
public final class MucBots {
  private MucBots() {}

  /** Declares component {@code name} running {@code bots}, and the bots' configuration keys. */
  public static void bind(Binder binder, String name, Class<?>... bots) {
    ConfigKeys.declare(binder, MucBotKeys.ALL);
    Components.bind(binder).add(name, classes(bots).toArray(Class<?>[]::new));
  }

  /**
   * A module declaring only the {@link MucBotKeys}: for a {@code ComponentTester} of {@link #classes(Class[])}.
   */
  public static Module keys() {
    return binder -> ConfigKeys.declare(binder, MucBotKeys.ALL);
  }

  /** The classes of a component running {@code bots}: the bots and Kindling's handlers and state for them. */
  public static List<Class<?>> classes(Class<?>... bots) {
    List<Class<?>> classes = new ArrayList<>(List.of(MucHandlers.class, MucBotEngine.class, BotRooms.class));
    for (Class<?> bot : bots) {
      if (!bot.isAnnotationPresent(RoomBot.class)) {
        throw new IllegalArgumentException(bot.getName() + " is not annotated @RoomBot");
      }
      classes.add(bot);
    }
    return classes;
  }
}
