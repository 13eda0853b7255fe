package dev.kindling.testkit;

import com.google.inject.Module;
import dev.kindling.config.ConfigKey;
import dev.kindling.connection.ConnectionState;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.SenderAddress;
import dev.kindling.inject.ComponentRuntime;
import dev.kindling.inject.ComponentSpec;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.internal.PendingRequests;
import dev.kindling.stream.StanzaParser;
import dev.kindling.stream.StreamHeader;
import dev.kindling.stream.StreamLimits;
import dev.kindling.stream.StreamListener;
import dev.kindling.stream.Stanzas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.Packet;

/**
 * Runs a component in memory, with no server and no network: give it stanzas, and assert on its replies and on
 * whatever else it sends. The component is built exactly as {@link Kindling} builds it (handler checks, Guice,
 * built-ins, disco, commands, per-sender ordering); only the connection is replaced.
 *
 * <pre>{@code
 * try (ComponentTester echo = ComponentTester.of(EchoComponent.class).build()) {
 *   IQ pong = echo.iq("<iq type='get' id='p1' from='alice@localhost/r' to='echo.localhost'>"
 *       + "<ping xmlns='urn:xmpp:ping'/></iq>");
 *   assertThat(pong.getType()).isEqualTo(IQ.Type.result);
 * }
 * }</pre>
 *
 * <p>Stanzas given as XML go through Kindling's own stream parser, so they arrive as they would from a server.
 * What the component sends through {@link Outbound#request} can be answered with {@link #receive}.
 */
public final class ComponentTester implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(ComponentTester.class);

  private final ComponentRuntime runtime;
  private final MemoryOutbound outbound;

  private ComponentTester(ComponentRuntime runtime, MemoryOutbound outbound) {
    this.runtime = runtime;
    this.outbound = outbound;
  }

  /** Starts building a tester for a component made of {@code handlers}. */
  public static Builder of(Class<?>... handlers) {
    return new Builder(List.of(handlers));
  }

  /** Configures a tester. */
  public static final class Builder {
    private final List<Class<?>> handlers;
    private String domain = "component.localhost";
    private final Map<String, String> config = new HashMap<>();
    private final List<Module> modules = new ArrayList<>();

    private Builder(List<Class<?>> handlers) {
      this.handlers = handlers;
    }

    /** The component's domain; {@code component.localhost} by default. */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /** Sets a configuration key, as {@code --set key=value} would (see {@link KindlingConfig}). */
    public Builder config(String key, String value) {
      config.put(key, value);
      return this;
    }

    /** Sets a declared key, as {@code --set} would: {@code config(RelayKeys.LISTEN_PORT, "0")}. */
    public Builder config(ConfigKey<?> key, String value) {
      return config(key.name(), value);
    }

    /** Adds Guice modules, whose bindings override Kindling's (a fixed {@code Clock}, say). */
    public Builder modules(Module... more) {
      modules.addAll(List.of(more));
      return this;
    }

    /**
     * Builds the component.
     *
     * @throws dev.kindling.dispatch.HandlerRegistrationException if its handler classes are wrong
     */
    public ComponentTester build() {
      MemoryOutbound outbound = new MemoryOutbound(new JID(null, domain, null, true));
      int dot = domain.indexOf('.');
      ComponentRuntime runtime = Kindling.assemble(new ComponentSpec("tested", handlers), KindlingConfig.of(config),
          outbound, dot < 0 ? domain : domain.substring(dot + 1), modules.toArray(Module[]::new));
      try {
        runtime.start();
      } catch (RuntimeException e) {
        runtime.drain();
        runtime.stop();
        throw e;
      }
      ComponentTester tester = new ComponentTester(runtime, outbound);
      tester.connectionEvent(ConnectionState.AUTHENTICATED, null);
      return tester;
    }
  }

  /**
   * Delivers stanzas to the component as the server would, as one read from the socket: answers to its requests
   * complete them, everything else goes to its handlers (quick ones may run on the calling thread, as they run
   * on a connection's reader).
   *
   * @param xml one or more stanzas; without a namespace, or in {@code jabber:component:accept}
   */
  public void receive(String xml) {
    for (Packet packet : parse(xml)) {
      deliver(packet);
    }
    runtime.inbound().endOfRead();
  }

  /**
   * Delivers a stanza to the component; it belongs to the component afterwards. A stanza the component cannot
   * take (an IQ of unknown type, say) is logged and dropped, as a connection would.
   */
  public void receive(Packet packet) {
    deliver(packet);
    runtime.inbound().endOfRead();
  }

  private void deliver(Packet packet) {
    try {
      if (packet instanceof IQ iq && iq.isResponse() && outbound.requests.complete(iq)) {
        return;
      }
      runtime.inbound().packetReceived(packet);
    } catch (RuntimeException e) {
      log.error("dropped a {} the component could not take (id {}, from {})", packet.getElement().getName(),
          packet.getID(), packet.getElement().attributeValue("from"), e);
    }
  }

  /** Delivers an IQ request given as XML and waits for its answer: the IQ the component sends with the same id. */
  public IQ iq(String xml) {
    List<Packet> packets = parse(xml);
    if (packets.size() != 1 || !(packets.get(0) instanceof IQ request)) {
      throw new IllegalArgumentException("iq() takes one <iq/>, not: " + xml);
    }
    receive(request);
    return answerTo(request);
  }

  /** Waits for the component's answer to {@code request}: the result or error it sends with the same id. */
  public IQ answerTo(IQ request) {
    Packet sent = nextSentMatching(packet -> packet instanceof IQ iq && iq.isResponse()
        && request.getID().equals(packet.getID()), WAIT);
    return (IQ) sent;
  }

  /**
   * The next stanza the component sends, waiting up to 5 s.
   *
   * @throws AssertionError if it sends nothing in time
   */
  public Packet nextSent() {
    return nextSentMatching(packet -> true, WAIT);
  }

  /** The next stanza the component sends, or {@code null} if it sends none within {@code wait}. */
  public Packet nextSent(Duration wait) {
    try {
      return outbound.sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a stanza", e);
    }
  }

  /** Everything the component has sent and no method here has taken yet, in order, removing it. */
  public List<Packet> drainSent() {
    List<Packet> all = new ArrayList<>();
    outbound.sent.drainTo(all);
    return all;
  }

  /**
   * Tells the component's {@link dev.kindling.lifecycle.ConnectionEvents} listeners that its connection entered
   * {@code state}, as a real connection would after a loss ({@code DISCONNECTED}) and a reconnection
   * ({@code AUTHENTICATED}); {@link Builder#build()} has already told them {@code AUTHENTICATED} once, and
   * {@link #close()} tells them {@code CLOSED}. Listeners run on the component's event thread, as they would: wait
   * for what they send with {@link #nextSent()}.
   */
  public void connectionEvent(ConnectionState state, Throwable cause) {
    runtime.connectionListener().stateChanged(state, cause);
  }

  /**
   * Starts the ad-hoc command {@code node} (XEP-0050) as {@code requester} and returns the run, to go through its
   * stages ({@code next}, {@code complete}, {@code prev}, {@code cancel}) and read its forms and notes.
   */
  public CommandRun command(String node, String requester) {
    return CommandRun.start(this, node, requester);
  }

  /** The component's {@link Outbound}, to send as the component would from outside a handler. */
  public Outbound outbound() {
    return outbound;
  }

  /** The component's instance of a handler or service class. */
  public <T> T instance(Class<T> type) {
    return runtime.injector().getInstance(type);
  }

  /** The assembled component, for its counters and injector. */
  public ComponentRuntime runtime() {
    return runtime;
  }

  /**
   * Handles what was accepted, tells the connection listeners {@code CLOSED}, then stops the component's services
   * (and closes its {@link AutoCloseable} singletons) and threads.
   */
  @Override
  public void close() {
    runtime.drain();
    connectionEvent(ConnectionState.CLOSED, null);
    runtime.stop();
  }

  private Packet nextSentMatching(java.util.function.Predicate<Packet> wanted, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    List<Packet> skipped = new ArrayList<>();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        Packet packet = left <= 0 ? null : outbound.sent.poll(left, TimeUnit.NANOSECONDS);
        if (packet == null) {
          throw new AssertionError("the component sent nothing matching within " + wait.toMillis() + " ms; it sent: "
              + skipped.stream().map(Packet::toXML).toList());
        }
        if (wanted.test(packet)) {
          return packet;
        }
        skipped.add(packet);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for a stanza", e);
    } finally {
      for (int i = skipped.size() - 1; i >= 0; i--) {
        outbound.sent.addFirst(skipped.get(i));
      }
    }
  }

  /** Parses stanzas with Kindling's own stream parser, as if they came from a server. */
  private static List<Packet> parse(String xml) {
    List<Packet> packets = new ArrayList<>();
    StanzaParser parser = new StanzaParser(StreamLimits.DEFAULT, new StreamListener() {
      @Override
      public void streamOpened(StreamHeader header) {
        // the tester's own header
      }

      @Override
      public void elementReceived(Element element) throws IOException {
        packets.add(Stanzas.toPacket(element));
      }

      @Override
      public void streamClosed() {
        // the tester's own closing tag
      }
    });
    byte[] bytes = ("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
        + " id='tester'>" + xml + "</stream:stream>").getBytes(StandardCharsets.UTF_8);
    try {
      parser.feed(bytes, 0, bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("not a stanza: " + xml, e);
    }
    return packets;
  }

  /** Collects what the component sends; tracks its requests as the connection would. */
  private static final class MemoryOutbound implements Outbound {
    final BlockingDeque<Packet> sent = new LinkedBlockingDeque<>();
    final PendingRequests requests = new PendingRequests("tester-");
    private final JID jid;

    MemoryOutbound(JID jid) {
      this.jid = jid;
    }

    @Override
    public JID jid() {
      return jid;
    }

    @Override
    public boolean send(Packet packet) {
      SenderAddress.check(packet, jid.getDomain());
      return sent.add(packet);
    }

    /** Sends the copies at once: the tester's queue has no bound. */
    @Override
    public CompletableFuture<Void> sendAll(Packet template, Collection<JID> recipients) {
      SenderAddress.check(template, jid.getDomain());
      for (JID recipient : recipients) {
        Packet copy = template.createCopy();
        copy.setTo(recipient);
        sent.add(copy);
      }
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<IQ> request(IQ request, Duration timeout) {
      SenderAddress.check(request, jid.getDomain());
      CompletableFuture<IQ> answer = requests.register(request, timeout);
      sent.add(request);
      return answer;
    }
  }
}
