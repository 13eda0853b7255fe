package dev.kindling.mucbot.samples;

import com.google.inject.Module;
import dev.kindling.inject.ReadyComponent;

/**
 * The sample bots as a ready component: {@code kindling run --set components=mucbot} with the bots' rooms
 * ({@code bot.helper.rooms}, {@code bot.bridge.rooms}).
 */
public final class SampleBotsReadyComponent implements ReadyComponent {
  @Override
  public String name() {
    return SampleBotsModule.DEFAULT_NAME;
  }

  @Override
  public String description() {
    return "group-chat bots (XEP-0045): a command bot (!roll, !seen, !uptime) and a PubSub-to-room bridge";
  }

  @Override
  public Module module(String componentName) {
    return new SampleBotsModule(componentName);
  }
}
