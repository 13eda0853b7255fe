package dev.kindling.relay;

import com.google.inject.Module;
import dev.kindling.inject.ReadyComponent;

/** The relay as a ready component: {@code kindling run --set components=relay} with its keys. */
public final class RelayReadyComponent implements ReadyComponent {
  @Override
  public String name() {
    return RelayModule.DEFAULT_NAME;
  }

  @Override
  public String description() {
    return "SOCKS5 bytestreams proxy (XEP-0065) for file transfers, with limits";
  }

  @Override
  public Module module(String componentName) {
    return new RelayModule(componentName);
  }
}
