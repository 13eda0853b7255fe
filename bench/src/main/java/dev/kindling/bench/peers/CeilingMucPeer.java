package dev.kindling.bench.peers;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The ceiling of the MUC bot benchmark: a bot that does as little as one can. It joins the rooms with
 * pre-written presences, finds each {@code <body>!echo } with {@code indexOf}, takes the room from the
 * message's {@code from} and answers with pre-serialised text; no XML parser, one thread, one flush per read.
 * What it reaches is what the server's MUC passes.
 *
 * <p>Arguments: {@code host port domain secret rooms} (rooms comma-separated bare JIDs).
 */
public final class CeilingMucPeer {
  private static final String COMMAND = "<body>!echo ";

  private CeilingMucPeer() {}

  /** Runs until the server closes the stream. */
  public static void main(String[] args) throws Exception {
    String domain = args[2];
    String bot = "bot@" + domain + "/bot";
    try (Socket socket = new Socket(args[0], Integer.parseInt(args[1]))) {
      socket.setTcpNoDelay(true);
      InputStream in = socket.getInputStream();
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      CeilingPeer.handshake(in, out, domain, args[3]);
      for (String room : args[4].split(",")) {
        out.write(("<presence from='" + bot + "' to='" + room + "/bot'><x xmlns='http://jabber.org/protocol/muc'>"
            + "<history maxchars='0'/></x></presence>").getBytes(StandardCharsets.UTF_8));
      }
      out.flush();
      System.out.println("READY");
      StringBuilder pending = new StringBuilder();
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) > 0) {
        pending.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
        answer(pending, out, bot);
        out.flush();
      }
    }
  }

  private static void answer(StringBuilder pending, OutputStream out, String bot) throws IOException {
    int done = 0;
    while (true) {
      int command = pending.indexOf(COMMAND, done);
      int end = command < 0 ? -1 : pending.indexOf("</body>", command);
      if (end < 0) {
        break;
      }
      int start = pending.lastIndexOf("<message", command);
      String from = CeilingPeer.attribute(pending.substring(Math.max(0, start), command), "from=");
      if (from != null && from.indexOf('/') > 0) {
        out.write(("<message from='" + bot + "' to='" + from.substring(0, from.indexOf('/'))
            + "' type='groupchat'><body>" + pending.substring(command + COMMAND.length(), end) + "</body></message>")
            .getBytes(StandardCharsets.UTF_8));
      }
      done = end;
    }
    pending.delete(0, done);
    int open = pending.lastIndexOf("<message");           // the last message may be incomplete: keep it
    if (open > 0) {
      pending.delete(0, open);
    } else if (open < 0) {
      pending.delete(0, Math.max(0, pending.length() - 16));   // but a tag cut in two may end it
    }
  }
}
