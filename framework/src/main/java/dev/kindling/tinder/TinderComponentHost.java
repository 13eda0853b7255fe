package dev.kindling.tinder;

import dev.kindling.connection.ComponentConnection;
import dev.kindling.connection.ComponentSettings;
import dev.kindling.dispatch.ErrorReplies;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.component.Component;
import org.xmpp.component.ComponentException;
import org.xmpp.component.ComponentManager;
import org.xmpp.component.IQResultListener;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Packet;
import org.xmpp.packet.PacketError;

/**
 * Hosts Tinder {@link Component}s, each on its own {@link ComponentConnection}: the {@link ComponentManager} a
 * component written for Whack or Openfire expects, so it runs here unmodified.
 *
 * <pre>{@code
 * ComponentSettings server = ComponentSettings.builder()
 *     .host("127.0.0.1").port(5347).domain("example.org").secret("s3cret").build();
 * try (TinderComponentHost host = new TinderComponentHost(server)) {
 *   host.addComponent("echo", new MyAbstractComponent()); // connects as echo.example.org
 *   ...
 * }
 * }</pre>
 *
 * <p>Each component receives its stanzas in arrival order on one thread of its own, through a bounded queue;
 * when the queue is full an IQ request is answered {@code resource-constraint} (type {@code wait}) and other
 * stanzas are dropped. ({@link org.xmpp.component.AbstractComponent} then hands them to its own thread pool.)
 */
public final class TinderComponentHost implements ComponentManager, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TinderComponentHost.class);
  private static final int INBOUND_CAPACITY = 10_000;
  private static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(60);

  private final ComponentSettings server;
  private final Map<String, Hosted> hosted = new ConcurrentHashMap<>();
  private final Map<String, String> properties = new ConcurrentHashMap<>();

  /**
   * Creates a host whose components connect with {@code server}'s address, secret, limits and timeouts; its
   * {@link ComponentSettings#domain() domain} is the server's domain, under which subdomains are added.
   */
  public TinderComponentHost(ComponentSettings server) {
    this.server = Objects.requireNonNull(server, "server");
  }

  /**
   * Connects {@code component} as {@code subdomain.serverName} (or as {@code subdomain} if it already ends with
   * the server's domain), then initializes and starts it.
   *
   * @throws ComponentException if the domain is taken here or the server refused or could not be reached; the
   *     message says which
   */
  @Override
  public void addComponent(String subdomain, Component component) throws ComponentException {
    String domain = subdomain.endsWith("." + server.domain()) ? subdomain : subdomain + "." + server.domain();
    addComponent(server.toBuilder().domain(domain).serverDomain(server.domain()).build(), component);
  }

  /**
   * Connects {@code component} with its own settings (its own domain, secret or server), then initializes and
   * starts it.
   *
   * @throws ComponentException if the domain is taken here or the server refused or could not be reached
   */
  public void addComponent(ComponentSettings settings, Component component) throws ComponentException {
    Hosted entry = new Hosted(settings, component);
    if (hosted.putIfAbsent(settings.domain(), entry) != null) {
      throw new ComponentException("a component is already hosted as " + settings.domain());
    }
    try {
      component.initialize(entry.connection.jid(), this);
      entry.connection.connect(entry::deliver);
    } catch (IOException | ComponentException | RuntimeException e) {
      hosted.remove(settings.domain());
      entry.inbound.shutdown();
      entry.connection.close();
      throw e instanceof ComponentException known ? known : new ComponentException(e.getMessage(), e);
    }
    component.start();
  }

  /** Lets the component finish the stanzas it has, shuts it down, and closes its connection. */
  @Override
  public void removeComponent(String subdomain) {
    Hosted entry = hosted.remove(subdomain);
    if (entry == null) {
      entry = hosted.remove(subdomain + "." + server.domain());
    }
    if (entry != null) {
      entry.close();
    }
  }

  /**
   * Sends a packet on the component's connection.
   *
   * @throws ComponentException if the component is not hosted here or its send queue is full
   */
  @Override
  public void sendPacket(Component component, Packet packet) throws ComponentException {
    if (!find(component).connection.send(packet)) {
      throw new ComponentException("send queue of " + component.getName() + " is full or its connection closed");
    }
  }

  /**
   * Sends an IQ request and waits up to {@code timeout} milliseconds for the answer.
   *
   * @return the answer, or {@code null} if none came in time (as in Whack)
   */
  @Override
  public IQ query(Component component, IQ packet, long timeout) throws ComponentException {
    try {
      return find(component).connection.request(packet, Duration.ofMillis(timeout)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ComponentException("interrupted while waiting for the answer to " + packet.getID(), e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        return null;
      }
      throw new ComponentException(e.getCause().getMessage(), e.getCause());
    }
  }

  /** Sends an IQ request; {@code listener} hears the answer, or of a timeout after 60 s. */
  @Override
  public void query(Component component, IQ packet, IQResultListener listener) throws ComponentException {
    find(component).connection.request(packet, DEFAULT_QUERY_TIMEOUT).whenComplete((answer, failure) -> {
      if (answer != null) {
        listener.receivedAnswer(answer);
      } else {
        listener.answerTimeout(packet.getID());
      }
    });
  }

  /** A property set by {@link #setProperty}; this host keeps them in memory only. */
  @Override
  public String getProperty(String name) {
    return properties.get(name);
  }

  @Override
  public void setProperty(String name, String value) {
    properties.put(name, value);
  }

  /** The server's domain, under which components are added. */
  @Override
  public String getServerName() {
    return server.domain();
  }

  /** Always {@code true}: components here are external (XEP-0114). */
  @Override
  public boolean isExternalMode() {
    return true;
  }

  /** Removes every hosted component. */
  @Override
  public void close() {
    hosted.keySet().forEach(this::removeComponent);
  }

  private Hosted find(Component component) throws ComponentException {
    for (Hosted entry : hosted.values()) {
      if (entry.component == component) {
        return entry;
      }
    }
    throw new ComponentException("component " + component.getName() + " is not hosted here");
  }

  /** A component with its connection and the single thread that feeds it. */
  private static final class Hosted {
    final Component component;
    final ComponentConnection connection;
    final ThreadPoolExecutor inbound;

    Hosted(ComponentSettings settings, Component component) {
      this.component = component;
      this.inbound = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(INBOUND_CAPACITY),
          runnable -> {
            Thread thread = new Thread(runnable, "kindling-tinder-" + settings.domain());
            thread.setDaemon(true);
            return thread;
          });
      this.connection = new ComponentConnection(settings);
    }

    /**
     * Hands a stanza to the component's thread; when its queue is full or it is being removed, an IQ request is
     * refused with {@code resource-constraint} (type {@code wait}), without echoing its payload back.
     */
    void deliver(Packet packet) {
      try {
        inbound.execute(() -> process(packet));
        return;
      } catch (RejectedExecutionException full) {
        // At debug, as the dispatcher does: under overload a warning per stanza would flood the log.
        log.debug("{} is overloaded or stopping: refusing a stanza from {}", component.getName(), packet.getFrom());
      }
      if (packet instanceof IQ iq && iq.isRequest()) {
        connection.send(ErrorReplies.withoutPayload(iq, new PacketError(PacketError.Condition.resource_constraint,
            PacketError.Type.wait, "too many requests waiting; try again later")));
      }
    }

    private void process(Packet packet) {
      try {
        component.processPacket(packet);
      } catch (RuntimeException e) {
        log.error("{} failed on a stanza from {}", component.getName(), packet.getFrom(), e);
      }
    }

    /**
     * Stops taking stanzas and lets the component finish those it has (up to 5 s), shuts it down, then closes
     * the connection, which sends what it answered.
     */
    void close() {
      inbound.shutdown();
      try {
        if (!inbound.awaitTermination(5, TimeUnit.SECONDS)) {
          log.warn("{} did not finish its stanzas within 5 s of being removed", component.getName());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      component.shutdown();
      connection.close();
    }
  }
}
