package dev.kindling.bench;

import dev.kindling.handler.Outbound;
import dev.kindling.handler.SenderAddress;
import dev.kindling.inject.ComponentRuntime;
import dev.kindling.inject.ComponentSpec;
import dev.kindling.inject.Kindling;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.stream.StanzaParser;
import dev.kindling.stream.StanzaWriter;
import dev.kindling.stream.Stanzas;
import dev.kindling.stream.StreamHeader;
import dev.kindling.stream.StreamLimits;
import dev.kindling.stream.StreamListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dom4j.Element;
import org.xmpp.packet.IQ;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * Kindling's whole in-process stanza path, as a connection runs it but with no socket: bytes in, the stream
 * parser, the dispatcher and a component's handlers (built by {@link Kindling#assemble} with its built-ins),
 * then the reply serialised into bytes out. Handlers run on the calling thread ({@code workers=0}), so one
 * thread measures one core's worth.
 */
public final class StanzaPath {
  private final ByteCounter out = new ByteCounter();
  private final StanzaWriter writer = new StanzaWriter();
  private final StanzaParser parser;

  /** Builds the path for a component made of {@code handlers}, named {@code bench.localhost}. */
  public StanzaPath(List<Class<?>> handlers, Map<String, String> config) {
    ComponentRuntime runtime = Kindling.assemble(new ComponentSpec("bench", handlers), KindlingConfig.of(config),
        new WritingOutbound(), "localhost");
    parser = new StanzaParser(StreamLimits.DEFAULT, new StreamListener() {
      @Override
      public void streamOpened(StreamHeader header) {
        // the benchmark's own header
      }

      @Override
      public void elementReceived(Element element) throws IOException {
        runtime.inbound().packetReceived(Stanzas.toPacket(element));
      }

      @Override
      public void streamClosed() {
        // never closed
      }
    });
    feed(bytes("<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'"
        + " from='bench.localhost' id='bench'>"));
  }

  /** UTF-8 bytes of {@code xml}. */
  public static byte[] bytes(String xml) {
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  /** Feeds one or more stanzas and flushes the replies; returns the bytes written so far. */
  public long feed(byte[] stanza) {
    try {
      parser.feed(stanza, 0, stanza.length);
      out.write(writer.take());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.count;
  }

  /** The last bytes written, for checks. */
  public String lastOutput() {
    return out.last();
  }

  /** Writes what the component sends, as the connection's writer thread would. */
  private final class WritingOutbound implements Outbound {
    @Override
    public JID jid() {
      return new JID("bench.localhost");
    }

    /** Checks the sender as a connection does, then serialises. */
    @Override
    public boolean send(Packet packet) {
      SenderAddress.check(packet, "bench.localhost");
      writer.write(packet);
      return true;
    }

    @Override
    public CompletableFuture<Void> sendAll(Packet template, Collection<JID> recipients) {
      throw new UnsupportedOperationException("the benchmark's handlers send no fan-out");
    }

    @Override
    public CompletableFuture<IQ> request(IQ request, Duration timeout) {
      throw new UnsupportedOperationException("the benchmark's handlers make no requests");
    }
  }

  /** Counts bytes and keeps the last write, standing in for the socket. */
  private static final class ByteCounter {
    long count;
    private ByteBuffer last = ByteBuffer.allocate(0);

    void write(ByteBuffer bytes) {
      if (bytes.hasRemaining()) {
        count += bytes.remaining();
        last = bytes;
      }
    }

    String last() {
      return StandardCharsets.UTF_8.decode(last.duplicate()).toString();
    }
  }
}
