package dev.kindling.bench.peers;

/**
 * The command line every peer takes: {@code host port domain secret [workMicros]}.
 *
 * @param host the server's address
 * @param port its component port
 * @param domain the component's domain
 * @param secret the component secret
 * @param workMicros how long each answer blocks, in microseconds (0 for none)
 */
record PeerArguments(String host, int port, String domain, String secret, long workMicros) {
  static PeerArguments parse(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: host port domain secret [workMicros]");
      System.exit(2);
    }
    return new PeerArguments(args[0], Integer.parseInt(args[1]), args[2], args[3],
        args.length > 4 ? Long.parseLong(args[4]) : 0);
  }
}
