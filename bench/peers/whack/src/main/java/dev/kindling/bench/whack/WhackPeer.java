package dev.kindling.bench.whack;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jivesoftware.whack.ExternalComponentManager;
import org.xmpp.component.AbstractComponent;
import org.xmpp.packet.IQ;
import org.xmpp.packet.Message;

/**
 * Whack's {@code ExternalComponentManager} (the classic Openfire way) hosting an echo {@code AbstractComponent},
 * the same component Kindling's Tinder peer hosts. Arguments: {@code host port domain secret [workMicros]}.
 */
public final class WhackPeer {
  private WhackPeer() {}

  /** Echoes messages and answers pings, each after blocking for the given work. */
  static final class Echo extends AbstractComponent {
    private final long workNanos;

    Echo(long workNanos) {
      this.workNanos = workNanos;
    }

    @Override
    public String getName() {
      return "Echo";
    }

    @Override
    public String getDescription() {
      return "Replies to every message with the same body.";
    }

    @Override
    protected IQ handlePing(IQ ping) {
      if (workNanos > 0) {
        LockSupport.parkNanos(workNanos);
      }
      return super.handlePing(ping);
    }

    @Override
    protected void handleMessage(Message message) {
      if (message.getType() == Message.Type.error || message.getBody() == null) {
        return;
      }
      if (workNanos > 0) {
        LockSupport.parkNanos(workNanos);
      }
      Message reply = new Message();
      reply.setTo(message.getFrom());
      reply.setFrom(message.getTo());
      reply.setType(message.getType());
      reply.setBody(message.getBody());
      send(reply);
    }
  }

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String domain = args[2];
    String secret = args[3];
    long work = args.length > 4 ? Long.parseLong(args[4]) : 0;
    int dot = domain.indexOf('.');
    String subdomain = domain.substring(0, dot);
    ExternalComponentManager manager = new ExternalComponentManager(host, port);
    manager.setServerName(domain.substring(dot + 1));
    manager.setSecretKey(subdomain, secret);
    manager.addComponent(subdomain, new Echo(TimeUnit.MICROSECONDS.toNanos(work)));
    System.out.println("READY");
    new CountDownLatch(1).await();
  }
}
