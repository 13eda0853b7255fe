package dev.kindling.bench.babbler;

import java.util.concurrent.CountDownLatch;
import rocks.xmpp.core.session.XmppSessionConfiguration;
import rocks.xmpp.core.stanza.model.Message;
import rocks.xmpp.extensions.component.accept.ExternalComponent;

/**
 * Babbler (Rocks XMPP) {@code ExternalComponent} echoing messages; pings are answered by its ping manager,
 * on by default. Arguments: {@code host port domain secret [workMicros, ignored]}.
 */
public final class BabblerPeer {
  private BabblerPeer() {}

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String domain = args[2];
    String secret = args[3];
    ExternalComponent component = ExternalComponent.create(domain, secret,
        XmppSessionConfiguration.getDefault(), host, port);
    component.addInboundMessageListener(event -> {
      Message message = event.getMessage();
      if ((message.getType() == Message.Type.CHAT || message.getType() == Message.Type.NORMAL)
          && message.getBody() != null) {
        component.send(new Message(message.getFrom(), message.getType(), message.getBody()));
      }
    });
    component.connect();
    System.out.println("READY");
    new CountDownLatch(1).await();
  }
}
