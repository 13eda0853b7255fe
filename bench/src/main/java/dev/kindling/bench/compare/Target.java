package dev.kindling.bench.compare;

import dev.kindling.testkit.EjabberdServer;
import dev.kindling.testkit.ProsodyServer;
import dev.kindling.testkit.ServerConfig;
import dev.kindling.testkit.XmppServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the peers connect and the load comes from: the benchmark's own XEP-0114 server (direct mode, the
 * component alone), or a throwaway Prosody or ejabberd with clients logged in to it.
 */
interface Target extends AutoCloseable {
  /** The component domain every peer claims. */
  String DOMAIN = "bench.localhost";
  /** The component secret. */
  String SECRET = "bench-secret";

  /** {@code direct}, {@code prosody} or {@code ejabberd}. */
  String name();

  /** The port the next peer connects to (in direct mode a fresh listener, so no old peer can reach it). */
  int componentPort() throws IOException;

  /** Waits for a started peer and returns the pipes the load runs over. */
  List<Pipe> attach(PeerProcess peer) throws Exception;

  @Override
  void close() throws IOException;

  /** Starts the target named {@code mode}. */
  static Target start(String mode, Path workDir) throws IOException {
    return switch (mode) {
      case "direct" -> new Direct();
      case "prosody", "ejabberd" -> new Server(mode, workDir);
      default -> throw new IllegalArgumentException("unknown mode '" + mode + "' (direct, prosody, ejabberd)");
    };
  }

  /** Direct mode: the load is the server; one pipe, the component's own connection. */
  final class Direct implements Target {
    private ServerSocket listener;

    @Override
    public String name() {
      return "direct";
    }

    @Override
    public int componentPort() throws IOException {
      close();
      listener = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      return listener.getLocalPort();
    }

    @Override
    public List<Pipe> attach(PeerProcess peer) throws Exception {
      Pipe pipe = Handshakes.acceptComponent(listener, DOMAIN, SECRET);
      peer.awaitReady();
      return List.of(pipe);
    }

    @Override
    public void close() throws IOException {
      if (listener != null) {
        listener.close();
      }
    }
  }

  /** Through a real server: four client connections of the test users send to the component. */
  final class Server implements Target {
    private static final int CLIENTS = 4;
    private final XmppServer server;

    Server(String kind, Path workDir) throws IOException {
      ServerConfig config = new ServerConfig(List.of("bench"), ServerConfig.DEFAULT_USERS, SECRET, workDir);
      server = kind.equals("prosody") ? ProsodyServer.start(config) : EjabberdServer.start(config);
    }

    @Override
    public String name() {
      return server.kind().displayName();
    }

    @Override
    public int componentPort() {
      return server.componentPort("bench");
    }

    @Override
    public List<Pipe> attach(PeerProcess peer) throws Exception {
      peer.awaitReady();
      List<Pipe> pipes = new ArrayList<>();
      for (int i = 0; i < CLIENTS; i++) {
        String user = server.config().usernames().get(i % server.config().usernames().size());
        pipes.add(Handshakes.login(server.host(), server.clientPort(), server.domain(), user,
            server.user(user).password(), "load" + i));
      }
      return pipes;
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
