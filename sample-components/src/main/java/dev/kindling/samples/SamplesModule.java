package dev.kindling.samples;

import com.google.inject.AbstractModule;
import dev.kindling.inject.Components;
import dev.kindling.samples.concierge.ConciergeService;
import dev.kindling.samples.echo.EchoComponent;

/**
 * Declares the sample components: {@code echo} and {@code concierge}. Run them with
 * {@code kindling run --module dev.kindling.samples.SamplesModule} and a configuration giving their domains and
 * secrets.
 */
public final class SamplesModule extends AbstractModule {
  @Override
  protected void configure() {
    Components.bind(binder()).add("echo", EchoComponent.class).add("concierge", ConciergeService.class);
  }
}
