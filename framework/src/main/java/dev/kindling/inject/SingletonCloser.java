package dev.kindling.inject;

import com.google.inject.Scopes;
import com.google.inject.spi.InstanceBinding;
import com.google.inject.spi.ProvisionListener;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers every singleton Guice creates that is {@link AutoCloseable} (by constructor or {@code @Provides}
 * method; not an instance bound with {@code toInstance}), in the process's injector and in each component's, and
 * closes them, newest first, when Kindling stops: a connection pool or client a module binds is released without
 * a hook of its own. Guarded by {@code this}.
 */
final class SingletonCloser implements ProvisionListener {
  private static final Logger log = LoggerFactory.getLogger(SingletonCloser.class);

  private final Deque<AutoCloseable> created = new ArrayDeque<>();

  @Override
  public <T> void onProvision(ProvisionInvocation<T> provision) {
    T instance = provision.provision();
    // An instance bound with toInstance() was made by whoever bound it, who closes it.
    if (instance instanceof AutoCloseable closeable && Scopes.isSingleton(provision.getBinding())
        && !(provision.getBinding() instanceof InstanceBinding)) {
      synchronized (this) {
        created.push(closeable);
      }
    }
  }

  /** Closes every singleton remembered, newest first; failures are logged. */
  void closeAll() {
    while (true) {
      AutoCloseable next;
      synchronized (this) {
        next = created.poll();
      }
      if (next == null) {
        return;
      }
      try {
        next.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", next.getClass().getSimpleName(), e.getMessage(), e);
      }
    }
  }
}
