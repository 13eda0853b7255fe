package dev.kindling.bench.pubsub;

import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.pubsub.PubSubModule;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The PubSub component as the benchmark runs it, in a JVM of its own (so that its heap is bounded and its CPU
 * time counted apart from the server side's): {@code Kindling.create(KindlingConfig.of(map), new
 * PubSubModule())} with the configuration given as {@code key=value} arguments. Prints {@code READY} once
 * connected, and stops when its standard input closes (the benchmark ended, however it ended).
 *
 * <pre>
 * java -Xmx512m -cp bench/target/benchmarks.jar dev.kindling.bench.pubsub.PubSubPeer component.pubsub.port=5347 ...
 * </pre>
 */
public final class PubSubPeer {
  private PubSubPeer() {}

  /** Runs until standard input closes. */
  public static void main(String[] args) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (equals <= 0) {
        System.err.println("pubsub-peer: expected key=value, got '" + arg + "'");
        System.exit(2);
      }
      values.put(arg.substring(0, equals), arg.substring(equals + 1));
    }
    Kindling kindling = Kindling.create(KindlingConfig.of(values), new PubSubModule());
    kindling.start();
    System.out.println("READY");
    System.out.flush();
    while (System.in.read() >= 0) {
      // the benchmark writes nothing; end of input means it is done
    }
    kindling.close();
  }
}
