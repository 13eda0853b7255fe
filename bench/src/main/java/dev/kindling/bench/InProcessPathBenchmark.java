package dev.kindling.bench;

import dev.kindling.samples.echo.EchoComponent;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds per stanza through {@link StanzaPath}: an XEP-0199 ping answered by the built-in handler, and a
 * chat message with a 1 KiB body answered by the annotated echo component. Run with {@code -prof gc} for the bytes
 * allocated per stanza (see bench/README.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InProcessPathBenchmark {
  /** A ping as a server delivers it. */
  static final byte[] PING = StanzaPath.bytes("<iq type='get' id='ping-1' from='alice@localhost/phone'"
      + " to='bench.localhost'><ping xmlns='urn:xmpp:ping'/></iq>");
  /** A chat message with a 1 KiB body. */
  static final byte[] MESSAGE = StanzaPath.bytes("<message type='chat' id='msg-1' from='alice@localhost/phone'"
      + " to='bench.localhost'><body>" + "x".repeat(1024) + "</body></message>");

  private StanzaPath path;
  private ParseFloor floor;

  /** Builds the echo component with its built-ins, handlers on the benchmark thread. */
  @Setup
  public void setUp() {
    path = new StanzaPath(List.of(EchoComponent.class), Map.of("workers", "0"));
    floor = new ParseFloor(StanzaPath.bytes("<iq type='result' id='ping-1' from='bench.localhost'"
        + " to='alice@localhost/phone'/>"));
  }

  /** The floor for {@link #ping()}: the same parsing, a pre-serialised answer, nothing else. */
  @Benchmark
  public long pingParseFloor() {
    return floor.feed(PING);
  }

  /** Bytes in → parse → dispatch → built-in ping handler → result serialised → bytes out. */
  @Benchmark
  public long ping() {
    return path.feed(PING);
  }

  /** Bytes in → parse → dispatch → echo handler → 1 KiB reply serialised → bytes out. */
  @Benchmark
  public long message1k() {
    return path.feed(MESSAGE);
  }
}
