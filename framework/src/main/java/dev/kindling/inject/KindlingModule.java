package dev.kindling.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.matcher.Matchers;
import com.google.inject.multibindings.Multibinder;
import dev.kindling.builtin.SoftwareVersion;
import dev.kindling.config.ConfigKeys;
import java.time.Clock;

/**
 * The bindings every Kindling process has, which a user's modules may override: the configuration, a UTC
 * {@link Clock}, the {@link SoftwareVersion} to report, the (possibly empty) sets of {@link ComponentSpec}s and
 * {@link ServiceSpec}s, Kindling's own configuration keys ({@link KindlingKeys}) in the set of declared keys
 * ({@link ConfigKeys}), and the listener that remembers the {@link AutoCloseable} singletons to close.
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
    Multibinder.newSetBinder(binder(), ComponentSpec.class);
    Multibinder.newSetBinder(binder(), ServiceSpec.class);
    bindListener(Matchers.any(), singletons);
    ConfigKeys.declare(binder(), KindlingKeys.all());
  }

  /** Read when first needed, after the configuration is checked (a problem here would not be listed with the rest). */
  @Provides
  @Singleton
  SoftwareVersion softwareVersion() {
    return new SoftwareVersion(config.get(KindlingKeys.SOFTWARE_NAME), config.get(KindlingKeys.SOFTWARE_VERSION), null);
  }
}
