package dev.kindling.bench;

import dev.kindling.stream.StanzaWriter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xmpp.packet.JID;
import org.xmpp.packet.Message;

/**
 * The writer's cost of one PubSub-style event (a headline carrying a 1 KiB item) sent to many subscribers:
 * {@link StanzaWriter#writeCopies} (what {@code Outbound.sendAll} queues: the template serialised once, then
 * only each {@code to}) against the peer it replaces, a copy of the packet per recipient, each addressed and
 * serialised whole, as a service calling {@code send} in a loop pays. Nanoseconds per recipient (1 000 per
 * call), UTF-8 encoding included.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class FanOutBenchmark {
  private static final int RECIPIENTS = 1000;

  private Message event;
  private List<String> addresses;
  private List<JID> jids;
  private final StanzaWriter writer = new StanzaWriter();

  /** An event with a 1 KiB payload, and the subscribers' addresses. */
  @Setup
  public void setUp() {
    event = new Message();
    event.setFrom("pubsub.localhost");
    event.setType(Message.Type.headline);
    event.getElement().addElement("event", "http://jabber.org/protocol/pubsub#event").addElement("items")
        .addAttribute("node", "news").addElement("item").addAttribute("id", "item-1")
        .addElement("entry", "http://www.w3.org/2005/Atom").addElement("summary").setText("x".repeat(1024));
    addresses = IntStream.range(0, RECIPIENTS).mapToObj(i -> "subscriber" + i + "@localhost/phone").toList();
    jids = addresses.stream().map(JID::new).toList();
  }

  /** One template, serialised once, copied to each recipient. */
  @Benchmark
  @OperationsPerInvocation(RECIPIENTS)
  public int copiesOfOneTemplate() {
    writer.writeCopies(event.getElement(), addresses);
    return writer.take().remaining();
  }

  /** A packet copy per recipient, each serialised whole. */
  @Benchmark
  @OperationsPerInvocation(RECIPIENTS)
  public int onePacketPerRecipient() {
    for (JID jid : jids) {
      Message copy = event.createCopy();
      copy.setTo(jid);
      writer.write(copy);
    }
    return writer.take().remaining();
  }
}
