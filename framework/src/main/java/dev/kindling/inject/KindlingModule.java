package dev.kindling.inject;

import com.google.inject.AbstractModule;
import com.google.inject.matcher.Matchers;
import com.google.inject.multibindings.Multibinder;
import dev.kindling.builtin.SoftwareVersion;
import java.time.Clock;

/**
 * The bindings every Kindling process has, which a user's modules may override: the configuration, a UTC
 * {@link Clock}, the {@link SoftwareVersion} to report, and the (possibly empty) sets of {@link ComponentSpec}s
 * and {@link ServiceSpec}s; and the listener that remembers the {@link AutoCloseable} singletons to close.
 */
final class KindlingModule extends AbstractModule {
  private final KindlingConfig config;
  private final SingletonCloser singletons;

  KindlingModule(KindlingConfig config, SingletonCloser singletons) {
    this.config = config;
    this.singletons = singletons;
  }

  @Override
  protected void configure() {
    bind(KindlingConfig.class).toInstance(config);
    bind(Clock.class).toInstance(Clock.systemUTC());
    SoftwareVersion kindling = SoftwareVersion.kindling();
    bind(SoftwareVersion.class).toInstance(new SoftwareVersion(
        config.get("software.name").orElse(kindling.name()),
        config.get("software.version").orElse(kindling.version()),
        null));
    Multibinder.newSetBinder(binder(), ComponentSpec.class);
    Multibinder.newSetBinder(binder(), ServiceSpec.class);
    bindListener(Matchers.any(), singletons);
  }
}
