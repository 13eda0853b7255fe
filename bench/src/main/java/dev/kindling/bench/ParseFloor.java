package dev.kindling.bench;

import dev.kindling.stream.StanzaParser;
import dev.kindling.stream.StreamHeader;
import dev.kindling.stream.StreamLimits;
import dev.kindling.stream.StreamListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.dom4j.Element;

/**
 * The floor under {@link StanzaPath}: the same stream parser, and for each stanza a reply of pre-serialised
 * bytes, with no packet model, routing, handler or serialiser. What {@link StanzaPath} costs above this is what
 * Kindling's dispatch, handlers and writer cost.
 */
public final class ParseFloor {
  private final byte[] reply;
  private long written;
  private final StanzaParser parser = new StanzaParser(StreamLimits.DEFAULT, new StreamListener() {
    @Override
    public void streamOpened(StreamHeader header) {
      // the benchmark's own header
    }

    @Override
    public void elementReceived(Element element) {
      written += reply.length;
    }

    @Override
    public void streamClosed() {
      // never closed
    }
  });

  /** A floor answering every stanza with {@code reply}. */
  public ParseFloor(byte[] reply) {
    this.reply = reply;
    feed(StanzaPath.bytes("<stream:stream xmlns='jabber:component:accept'"
        + " xmlns:stream='http://etherx.jabber.org/streams' from='bench.localhost' id='bench'>"));
  }

  /** Parses {@code stanza} and "writes" the reply; returns the bytes written so far. */
  public long feed(byte[] stanza) {
    try {
      parser.feed(stanza, 0, stanza.length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return written;
  }
}
