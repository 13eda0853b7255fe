package dev.kindling.connection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The server side of XEP-0114 played by a test on 127.0.0.1: accepts a component's connection, reads what it
 * sends, writes whatever the test wants, including broken XML. Every read has a time limit.
 */
final class FakeServer implements AutoCloseable {
  static final String STREAM_ID = "3BF96D32";
  static final String SECRET = "s3cret";

  private final ServerSocket listener;

  FakeServer() throws IOException {
    this(0);
  }

  /** A server on {@code port}, 0 for any free one. */
  FakeServer(int port) throws IOException {
    listener = new ServerSocket(port, 5, InetAddress.getByName("127.0.0.1"));
    listener.setSoTimeout(10_000);
  }

  int port() {
    return listener.getLocalPort();
  }

  ComponentSettings.Builder settings() {
    return ComponentSettings.builder().host("127.0.0.1").port(port()).domain("echo.localhost").secret(SECRET)
        .handshakeTimeout(Duration.ofSeconds(5))
        .backoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200), 0));
  }

  /** Waits for the component to connect. */
  Peer accept() throws IOException {
    return new Peer(listener.accept());
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  /** One accepted connection. */
  static final class Peer implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.socket.setSoTimeout(10_000);
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    /** Reads until what arrived so far contains {@code marker}; returns all of it. */
    String readUntil(String marker) throws IOException {
      byte[] buffer = new byte[64 * 1024];
      StringBuilder text = new StringBuilder(received());
      int searchFrom = 0;
      while (text.indexOf(marker, searchFrom) < 0) {
        searchFrom = Math.max(0, text.length() - marker.length());
        int n = in.read(buffer);
        if (n < 0) {
          throw new IOException("component closed the connection; received so far: " + received());
        }
        received.write(buffer, 0, n);
        text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1)); // one char per byte: ASCII markers match
      }
      return received();
    }

    /** Reads until the component closes the connection or {@code limit} passes; returns everything received. */
    String readToEnd(Duration limit) throws IOException {
      socket.setSoTimeout((int) limit.toMillis());
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) >= 0) {
          received.write(buffer, 0, n);
        }
      } catch (SocketTimeoutException e) {
        throw new IOException("component kept the connection open; received: " + received(), e);
      } catch (IOException e) {
        // reset by the component: what arrived before is what counts
      }
      return received();
    }

    String received() {
      return received.toString(StandardCharsets.UTF_8);
    }

    void write(String xml) throws IOException {
      out.write(xml.getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Plays the server's part of the handshake, accepting the component. */
    Peer authenticate() throws IOException {
      return authenticate("");
    }

    /** Accepts the component, sending {@code following} in the same write as the {@code <handshake/>}. */
    Peer authenticate(String following) throws IOException {
      readUntil("'>");
      write("<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams'"
          + " xmlns='jabber:component:accept' from='echo.localhost' id='" + STREAM_ID + "'>");
      readUntil("</handshake>");
      write("<handshake/>" + following);
      return this;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
