package dev.kindling.bench.compare;

import dev.kindling.connection.Handshake;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * The two ways the load gets a {@link Pipe}: as the server side of XEP-0114 accepting a component (direct
 * mode), or as a lean client logging in to a real server with SASL PLAIN over plain TCP on loopback. Written
 * for the benchmark's peers and servers, not as a general XMPP implementation.
 */
public final class Handshakes {
  private static final Duration STEP = Duration.ofSeconds(30);

  private Handshakes() {}

  /**
   * Accepts one component on {@code listener} and authenticates it with {@code secret} (XEP-0114 §3).
   *
   * @throws IOException if it does not connect or sends a wrong digest within the time limit
   */
  public static Pipe acceptComponent(ServerSocket listener, String domain, String secret) throws IOException {
    return acceptComponent(listener, domain, secret, STEP);
  }

  /**
   * {@link #acceptComponent(ServerSocket, String, String)}, waiting up to {@code connectLimit} for the component
   * to connect (one that loads a lot before connecting takes longer than the usual 30 s).
   */
  public static Pipe acceptComponent(ServerSocket listener, String domain, String secret, Duration connectLimit)
      throws IOException {
    listener.setSoTimeout((int) connectLimit.toMillis());
    Socket socket = listener.accept();
    try {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) STEP.toMillis());
      Reader reader = new Reader(socket);
      reader.until("stream:stream", ">");
      String id = Long.toHexString(System.nanoTime());
      write(socket, "<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
          + " xmlns='jabber:component:accept' from='" + domain + "' id='" + id + "'>");
      String handshake = reader.until("</handshake>", null);
      String digest = handshake.substring(handshake.lastIndexOf('>', handshake.indexOf("</handshake>")) + 1,
          handshake.indexOf("</handshake>")).strip();
      if (!digest.equalsIgnoreCase(Handshake.digest(id, secret))) {
        write(socket, "<stream:error><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
            + "</stream:stream>");
        throw new IOException("the component sent a wrong handshake digest");
      }
      write(socket, "<handshake/>");
      socket.setSoTimeout(0);
      return new Pipe(socket, "component " + domain, true);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Logs in to a server as {@code user} with {@code resource} (RFC 6120: stream, SASL PLAIN, restart, bind).
   *
   * @throws IOException if any step fails or times out
   */
  public static Pipe login(String host, int port, String domain, String user, String password, String resource)
      throws IOException {
    return login(new Socket(), host, port, domain, user, password, resource);
  }

  /**
   * Logs in as {@link #login(String, int, String, String, String, String)} does, over {@code socket}, not yet
   * connected: a {@code SocketChannel}'s, say, for a caller that reads it with a selector once logged in (nothing
   * the server sent after the bind answer is kept back).
   *
   * @throws IOException if any step fails or times out; {@code socket} is closed then
   */
  public static Pipe login(Socket socket, String host, int port, String domain, String user, String password,
      String resource) throws IOException {
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) STEP.toMillis());
      socket.setSoTimeout((int) STEP.toMillis());
      Reader reader = new Reader(socket);
      String header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client'"
          + " xmlns:stream='http://etherx.jabber.org/streams' to='" + domain + "' version='1.0'>";
      write(socket, header);
      reader.until("</stream:features>", null);
      String credentials = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password)
          .getBytes(StandardCharsets.UTF_8));
      write(socket, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + credentials + "</auth>");
      String outcome = reader.until("xmpp-sasl", ">");
      if (!outcome.contains("<success")) {
        throw new IOException(user + " could not log in: " + outcome + reader.until("</failure>", null));
      }
      write(socket, header);
      reader.until("</stream:features>", null);
      write(socket, "<iq type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>"
          + resource + "</resource></bind></iq>");
      reader.until("bind-1", "</iq>");
      socket.setSoTimeout(0);
      return new Pipe(socket, user + "/" + resource, false);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static void write(Socket socket, String xml) throws IOException {
    socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  /** Reads until the text seen so far contains what a step waits for; keeps what follows for the next step. */
  private static final class Reader {
    private final Socket socket;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    Reader(Socket socket) {
      this.socket = socket;
    }

    /** Reads until {@code marker} appears, then (if not null) {@code end} after it; returns and consumes it. */
    String until(String marker, String end) throws IOException {
      byte[] buffer = new byte[8192];
      while (true) {
        String text = seen.toString(StandardCharsets.UTF_8);
        if (text.contains("<stream:error")) {
          throw new IOException("the server ended the stream: " + text);
        }
        int at = text.indexOf(marker);
        if (at >= 0) {
          int stop = end == null ? at + marker.length() : text.indexOf(end, at + marker.length());
          if (stop >= 0) {
            return consume(text, end == null ? stop : stop + end.length());
          }
        }
        int n;
        try {
          n = socket.getInputStream().read(buffer);
        } catch (SocketTimeoutException e) {
          throw new IOException("no '" + marker + "' within " + STEP.toSeconds() + " s; got: " + text, e);
        }
        if (n < 0) {
          throw new IOException("connection closed while waiting for '" + marker + "'; got: " + text);
        }
        seen.write(buffer, 0, n);
      }
    }

    private String consume(String text, int upTo) {
      String step = text.substring(0, upTo);
      byte[] rest = text.substring(upTo).getBytes(StandardCharsets.UTF_8);
      seen.reset();
      seen.write(rest, 0, rest.length);
      return step;
    }
  }
}
