package dev.kindling.dispatch;

import dev.kindling.connection.PacketListener;
import dev.kindling.handler.MessageTypes;
import dev.kindling.handler.Outbound;
import dev.kindling.handler.Payload;
import dev.kindling.handler.StanzaErrorException;
import dev.kindling.stream.Stanzas;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;
import org.xmpp.packet.Presence;

/**
 * Routes each inbound stanza of a component to its handler and sends what the handler returns.
 *
 * <p>Routing happens on the reader thread (a table lookup). Handlers run in order for each sender: on the reader
 * thread itself while the {@link PerSenderExecutor} is idle and they are quick, which spares each stanza two
 * thread hand-offs (to a worker, then to the writer); else on the executor's pools. "Quick" is a budget of
 * {@value #RUN_HERE_NANOS_PER_READ} ns of handler time per read from the socket: once a read's handlers have
 * used it, the rest of that read goes to the pools, so a slow handler delays the stanzas already received by
 * at most its own run. {@link dev.kindling.handler.Blocking} handlers never run on the reader (unless
 * {@code workers = 0}, where every handler does).
 *
 * <p>The rules of RFC 6120 §8.3 and §8.4 apply to what no handler takes: an IQ get or set always gets exactly
 * one answer ({@code service-unavailable}, or {@code feature-not-implemented} when the
 * namespace is handled for the other type, {@code bad-request} without a child), a chat or normal message gets
 * {@code service-unavailable}, and an error stanza is never answered with an error. A handler's unexpected
 * exception answers {@code internal-server-error} and is logged once with its stack trace; an overloaded
 * sender's IQ requests get {@code resource-constraint} (type {@code wait}).
 */
public final class Dispatcher implements PacketListener {
  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
  /** How long the handlers the reader runs itself may take per read before it hands the rest to the pool. */
  private static final long RUN_HERE_NANOS_PER_READ = 100_000;
  /** A handler run on the reader thread for longer than this is counted and named in a warning, once. */
  private static final long SLOW_HERE_NANOS = 10_000_000;
  /** How many slow calls on the reader it takes to name a handler in a warning. */
  private static final int SLOW_CALLS_TO_WARN = 3;

  private final String component;
  private final HandlerTable table;
  private final Outbound outbound;
  private final PerSenderExecutor executor;
  private final DispatchStats stats = new DispatchStats();
  private final Map<HandlerSpec, Integer> slowCalls = new ConcurrentHashMap<>();
  /** Time the reader spent in handlers since the last {@link #endOfRead}; only the reader thread uses it. */
  private long nanosRunHere;

  /** Creates a dispatcher of {@code component}'s stanzas. */
  public Dispatcher(String component, HandlerTable table, Outbound outbound, PerSenderExecutor executor) {
    this.component = component;
    this.table = table;
    this.outbound = outbound;
    this.executor = executor;
  }

  /** A new read: the reader may again run handlers itself, up to the budget. */
  @Override
  public void endOfRead() {
    nanosRunHere = 0;
  }

  /** The dispatcher's counters. */
  public DispatchStats stats() {
    return stats;
  }

  @Override
  public void packetReceived(Packet packet) {
    Route route = route(packet);
    if (route == null) {
      return;
    }
    String sender = route.orderKey(packet);
    Runnable task = () -> run(route, packet);
    if (!route.blocking() && nanosRunHere < RUN_HERE_NANOS_PER_READ) {
      long start = System.nanoTime();
      if (executor.runIfIdle(sender, task)) {
        long took = System.nanoTime() - start;
        nanosRunHere += took;
        stats.accepted.increment();
        if (took > SLOW_HERE_NANOS) {
          slowHere(route, took);
        }
        return;
      }
    }
    if (executor.submit(sender, route.blocking(), task)) {
      stats.accepted.increment();
      return;
    }
    stats.rejected.increment();
    log.debug("{} overloaded: refusing a stanza from {}", component, sender);
    if (packet instanceof IQ iq && iq.isRequest()) {
      send(ErrorReplies.withoutPayload(packet, new PacketError(PacketError.Condition.resource_constraint,
          PacketError.Type.wait, "too many requests waiting; try again later")));
    }
  }

  /**
   * Sends an answer; one the send queue cannot take, or whose {@code from} is outside the component's domain, is
   * counted and logged, not dropped silently.
   */
  private void send(Packet answer) {
    try {
      if (!outbound.send(answer)) {
        stats.unsent.increment();
        log.debug("{}: the send queue could not take the answer {} to {}", component, answer.getID(),
            answer.getTo());
      }
    } catch (IllegalArgumentException outsideTheDomain) {
      stats.unsent.increment();
      log.warn("{}: not sending the answer {} to {}: {}", component, answer.getID(), answer.getTo(),
          outsideTheDomain.getMessage());
    }
  }

  /**
   * Counts a handler that held the reader up, and names it in a warning once it did so {@value #SLOW_CALLS_TO_WARN}
   * times: the first calls in a cold JVM can be slow with class loading and interpreted code alone, which is no
   * fault of the handler's.
   */
  private void slowHere(Route route, long nanos) {
    stats.slowHere.increment();
    if (slowCalls.merge(route.spec(), 1, Integer::sum) == SLOW_CALLS_TO_WARN) {
      log.warn("{}: {} took {} ms on the reader thread, holding up the whole connection meanwhile; if it blocks"
          + " (I/O, locks, waiting), mark it @Blocking", component, route.spec().describe(),
          TimeUnit.NANOSECONDS.toMillis(nanos));
    }
  }

  /** The route for {@code packet}, or {@code null} after answering or dropping what no handler takes. */
  private Route route(Packet packet) {
    if (packet instanceof IQ iq) {
      return routeIq(iq);
    }
    if (packet instanceof Message message) {
      Route route = table.message(message);
      if (route == null) {
        Message.Type type = MessageTypes.of(message);
        unhandled(packet, type == Message.Type.chat || type == Message.Type.normal);
      }
      return route;
    }
    Route route = table.presence((Presence) packet);
    if (route == null) {
      unhandled(packet, false);
    }
    return route;
  }

  private Route routeIq(IQ iq) {
    // The type read once, without Tinder's getType(): its dom4j lookup allocates an iterator each call.
    String typeName = Stanzas.attribute(iq.getElement(), "type");
    IQ.Type type = "get".equals(typeName) ? IQ.Type.get : "set".equals(typeName) ? IQ.Type.set : null;
    if (type == null) {
      log.debug("{} dropped an unexpected IQ {} {} from {}", component, typeName, iq.getID(), iq.getFrom());
      return null;
    }
    Element child = iq.getChildElement();
    if (child == null) {
      stats.unhandled.increment();
      replyError(iq, new PacketError(PacketError.Condition.bad_request, PacketError.Type.modify,
          "an IQ " + type + " needs exactly one child element (RFC 6120 §8.2.3)"));
      return null;
    }
    Route route = table.iq(iq, type, child);
    if (route == null) {
      stats.unhandled.increment();
      replyError(iq, new PacketError(table.handlesNamespace(iq, child.getNamespaceURI())
          ? PacketError.Condition.feature_not_implemented : PacketError.Condition.service_unavailable));
    }
    return route;
  }

  private void unhandled(Packet packet, boolean answer) {
    stats.unhandled.increment();
    if (answer && !ErrorReplies.isErrorType(packet)) {
      replyError(packet, new PacketError(PacketError.Condition.service_unavailable));
    }
  }

  private void run(Route route, Packet packet) {
    Object result;
    try {
      result = route.invoker().invoke(packet);
    } catch (Throwable failure) {
      failed(route, packet, failure);
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      Runnable release = executor.hold();
      stage.whenComplete((value, failure) -> {
        try {
          if (failure != null) {
            failed(route, packet, failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure);
          } else {
            deliver(route, packet, value);
          }
        } finally {
          release.run();
        }
      });
      return;
    }
    deliver(route, packet, result);
  }

  private void deliver(Route route, Packet request, Object value) {
    if (request instanceof IQ iq) {
      IQ reply = resultFor(iq, value);
      if (reply == null) {
        failed(route, request, new IllegalStateException(route.spec().describe() + " returned a "
            + value.getClass().getName() + ", which is not an IQ answer"));
        return;
      }
      send(reply);
    } else if (value instanceof Packet reply) {
      send(reply);
    } else if (value != null) {
      failed(route, request, new IllegalStateException(route.spec().describe() + " returned a "
          + value.getClass().getName() + ", which is not a Packet"));
    }
  }

  private static IQ resultFor(IQ request, Object value) {
    if (value instanceof IQ answer) {
      return answer;
    }
    Element child;
    if (value == null) {
      child = null;
    } else if (value instanceof Element element) {
      child = element;
    } else if (value instanceof Payload payload) {
      child = payload.toElement();
    } else {
      return null;
    }
    IQ result = IQ.createResultIQ(request);
    if (child != null) {
      result.setChildElement(child.getParent() == null && child.getDocument() == null ? child : child.createCopy());
    }
    return result;
  }

  private void failed(Route route, Packet packet, Throwable failure) {
    if (failure instanceof StanzaErrorException error) {
      replyError(packet, error.toPacketError());
      return;
    }
    stats.failed.increment();
    log.error("{}: {} failed on stanza {} from {}", component, route.spec().describe(), packet.getID(),
        packet.getFrom(), failure);
    replyError(packet, new PacketError(PacketError.Condition.internal_server_error));
  }

  private void replyError(Packet packet, PacketError error) {
    if (ErrorReplies.isErrorType(packet)) {
      log.debug("{} does not answer error stanza {} from {} with another error", component, packet.getID(),
          packet.getFrom());
      return;
    }
    send(ErrorReplies.to(packet, error));
  }
}
