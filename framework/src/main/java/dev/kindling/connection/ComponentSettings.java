package dev.kindling.connection;

import dev.kindling.stream.StreamLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link ComponentConnection} needs to know: where the server is, which domain to claim with
 * which secret, and the time and size limits. Immutable; build one with {@link #builder()}.
 *
 * <pre>{@code
 * ComponentSettings settings = ComponentSettings.builder()
 *     .host("127.0.0.1").port(5347)
 *     .domain("echo.example.org").secret(System.getenv("KINDLING_SECRET"))
 *     .build();
 * }</pre>
 *
 * @param host the server's host name or address
 * @param port the server's component port (often 5347 on Prosody and ejabberd, 5275 on Openfire)
 * @param domain the component's domain, which the server routes to it
 * @param secret the shared secret the server has configured for {@code domain}
 * @param serverDomain the server's own domain, which keepalive pings go to; by default {@code domain} without
 *     its first label ({@code echo.example.org} → {@code example.org})
 * @param connectTimeout the limit on opening the TCP connection
 * @param handshakeTimeout the limit on the stream header and handshake exchange, together
 * @param limits the inbound stanza limits
 * @param sendQueueCapacity how many outbound stanzas may wait for the writer before {@code send} refuses more
 * @param keepaliveInterval after this long with nothing received, ping the server; {@link Duration#ZERO}
 *     turns keepalive off
 * @param keepaliveTimeout how long a keepalive ping may go unanswered before the connection counts as dead
 * @param backoff the waits between reconnection attempts
 * @param reconnectAfterRefusal whether to reconnect even after the server refused the component
 *     ({@code not-authorized}, {@code conflict}, {@code host-unknown}), which retrying rarely mends
 * @param multicast the server's multicast service that fan-outs go through, or {@code null} to send one stanza
 *     per recipient
 */
public record ComponentSettings(
    String host,
    int port,
    String domain,
    String secret,
    String serverDomain,
    Duration connectTimeout,
    Duration handshakeTimeout,
    StreamLimits limits,
    int sendQueueCapacity,
    Duration keepaliveInterval,
    Duration keepaliveTimeout,
    Backoff backoff,
    boolean reconnectAfterRefusal,
    Multicast multicast) {

  /** Validates every value, naming the one at fault and the rule it breaks. */
  public ComponentSettings {
    requireText(host, "host");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port + " (expected 1..65535)");
    }
    requireText(domain, "domain");
    if (!domain.equals(domain.strip()) || domain.contains("@") || domain.contains("/")) {
      throw new IllegalArgumentException("domain is not a bare domain name: '" + domain + "'");
    }
    Objects.requireNonNull(secret, "secret is missing");
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret is empty");
    }
    requireText(serverDomain, "serverDomain");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(handshakeTimeout, "handshakeTimeout");
    Objects.requireNonNull(limits, "limits");
    if (sendQueueCapacity < 1) {
      throw new IllegalArgumentException("sendQueueCapacity must be positive: " + sendQueueCapacity);
    }
    Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
    if (keepaliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepaliveInterval is negative: " + keepaliveInterval);
    }
    requirePositive(keepaliveTimeout, "keepaliveTimeout");
    Objects.requireNonNull(backoff, "backoff");
  }

  /** A builder with the defaults: 10 s timeouts, 10 MiB stanzas, 30 s keepalive, {@link Backoff#DEFAULT}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The server's address as {@code host:port}, for messages. */
  public String address() {
    return host + ":" + port;
  }

  /** Everything but the secret. */
  @Override
  public String toString() {
    return "ComponentSettings[" + domain + " at " + address() + ", server domain " + serverDomain + "]";
  }

  private static void requireText(String value, String name) {
    Objects.requireNonNull(value, name + " is missing");
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " is blank");
    }
  }

  private static void requirePositive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
  }

  /** Collects settings; {@link #build()} validates them. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 5347;
    private String domain;
    private String secret;
    private String serverDomain;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration handshakeTimeout = Duration.ofSeconds(10);
    private StreamLimits limits = StreamLimits.DEFAULT;
    private int sendQueueCapacity = 10_000;
    private Duration keepaliveInterval = Duration.ofSeconds(30);
    private Duration keepaliveTimeout = Duration.ofSeconds(10);
    private Backoff backoff = Backoff.DEFAULT;
    private boolean reconnectAfterRefusal;
    private Multicast multicast;

    private Builder() {}

    private Builder(ComponentSettings s) {
      host = s.host;
      port = s.port;
      domain = s.domain;
      secret = s.secret;
      serverDomain = s.serverDomain;
      connectTimeout = s.connectTimeout;
      handshakeTimeout = s.handshakeTimeout;
      limits = s.limits;
      sendQueueCapacity = s.sendQueueCapacity;
      keepaliveInterval = s.keepaliveInterval;
      keepaliveTimeout = s.keepaliveTimeout;
      backoff = s.backoff;
      reconnectAfterRefusal = s.reconnectAfterRefusal;
      multicast = s.multicast;
    }

    /** Sets {@link ComponentSettings#host()}; default {@code 127.0.0.1}. */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    /** Sets {@link ComponentSettings#port()}; default 5347. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Sets {@link ComponentSettings#domain()}; required. */
    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    /** Sets {@link ComponentSettings#secret()}; required. */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /** Sets {@link ComponentSettings#serverDomain()}; default derived from the domain. */
    public Builder serverDomain(String serverDomain) {
      this.serverDomain = serverDomain;
      return this;
    }

    /** Sets {@link ComponentSettings#connectTimeout()}; default 10 s. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Sets {@link ComponentSettings#handshakeTimeout()}; default 10 s. */
    public Builder handshakeTimeout(Duration handshakeTimeout) {
      this.handshakeTimeout = handshakeTimeout;
      return this;
    }

    /** Sets {@link ComponentSettings#limits()}; default {@link StreamLimits#DEFAULT}. */
    public Builder limits(StreamLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Sets {@link ComponentSettings#sendQueueCapacity()}; default 10 000. */
    public Builder sendQueueCapacity(int sendQueueCapacity) {
      this.sendQueueCapacity = sendQueueCapacity;
      return this;
    }

    /** Sets {@link ComponentSettings#keepaliveInterval()}; default 30 s, zero for none. */
    public Builder keepaliveInterval(Duration keepaliveInterval) {
      this.keepaliveInterval = keepaliveInterval;
      return this;
    }

    /** Sets {@link ComponentSettings#keepaliveTimeout()}; default 10 s. */
    public Builder keepaliveTimeout(Duration keepaliveTimeout) {
      this.keepaliveTimeout = keepaliveTimeout;
      return this;
    }

    /** Sets {@link ComponentSettings#backoff()}; default {@link Backoff#DEFAULT}. */
    public Builder backoff(Backoff backoff) {
      this.backoff = backoff;
      return this;
    }

    /** Sets {@link ComponentSettings#reconnectAfterRefusal()}; default {@code false}. */
    public Builder reconnectAfterRefusal(boolean reconnectAfterRefusal) {
      this.reconnectAfterRefusal = reconnectAfterRefusal;
      return this;
    }

    /** Sets {@link ComponentSettings#multicast()}; default {@code null}, one stanza per recipient. */
    public Builder multicast(Multicast multicast) {
      this.multicast = multicast;
      return this;
    }

    /**
     * Validates and returns the settings.
     *
     * @throws IllegalArgumentException or {@link NullPointerException} naming the first value at fault
     */
    public ComponentSettings build() {
      String server = serverDomain;
      if (server == null && domain != null) {
        int dot = domain.indexOf('.');
        server = dot < 0 ? domain : domain.substring(dot + 1);
      }
      return new ComponentSettings(host, port, domain, secret, server, connectTimeout, handshakeTimeout, limits,
          sendQueueCapacity, keepaliveInterval, keepaliveTimeout, backoff, reconnectAfterRefusal, multicast);
    }
  }
}
