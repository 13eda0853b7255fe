package dev.kindling.pubsub;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The PubSub service alone in a JVM, for a test that kills it: configured by {@code key=value} arguments, prints
 * {@value #READY} once connected, then serves until killed.
 */
public final class PubSubProcess {
  static final String READY = "pubsub-ready";

  private PubSubProcess() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> config = new HashMap<>();
    for (String argument : args) {
      int equals = argument.indexOf('=');
      config.put(argument.substring(0, equals), argument.substring(equals + 1));
    }
    Kindling kindling = Kindling.create(KindlingConfig.of(config), new PubSubModule());
    kindling.start();
    System.out.println(READY);
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
