package dev.kindling.inject;

import com.google.inject.Module;

/**
 * A component that ships ready to run, such as a PubSub service: it exists so that an operator runs it by its name
 * alone ({@code kindling run --set components=pubsub --set component.pubsub.domain=… --set
 * component.pubsub.secret=…}), with no module to pass and no handler classes to list.
 *
 * <p>Kindling finds ready components with {@link java.util.ServiceLoader} through the thread's context class
 * loader, so also in a jar given to {@code kindling run --jar}: a jar lists its implementations in
 * {@code META-INF/services/dev.kindling.inject.ReadyComponent}, one class name a line, each with a public
 * no-argument constructor. Being on the class path runs nothing. {@link Kindling#create} installs the
 * {@link #module} of a ready component for each name in {@code components} that has no
 * {@code component.<name>.handlers} and that no module given to it declares: a module's component of that name
 * wins, which is how one replaces a ready component. {@code component.<name>.kind=pubsub} runs the ready
 * component {@code pubsub} under the name {@code <name>}, with that name's domain and secret, so one process can
 * run two ({@code components=pubsub-a,pubsub-b}).
 *
 * <pre>{@code
 * public final class EchoReady implements ReadyComponent {
 *   @Override public String name() { return "echo"; }
 *   @Override public String description() { return "answers each chat message with its body"; }
 *   @Override public Module module(String componentName) {
 *     return new AbstractModule() {
 *       @Override protected void configure() {
 *         ConfigKeys.declare(binder(), EchoKeys.PREFIX);
 *         Components.bind(binder()).add(componentName, EchoComponent.class);
 *       }
 *     };
 *   }
 * }
 * // META-INF/services/dev.kindling.inject.ReadyComponent:  com.example.echo.EchoReady
 * }</pre>
 *
 * <p>Its methods are called on the thread that creates Kindling (or lists keys), before the configuration is
 * checked: they must not read it, and should return at once.
 */
public interface ReadyComponent {
  /**
   * The name it is chosen by, in {@code components} or {@code component.<name>.kind}: lower-case letters, digits
   * and {@code -}, as a component name ({@code pubsub}). A ready component with another name is not offered.
   */
  String name();

  /** What it is, in one line, for listings ({@code kindling keys}): {@code "XEP-0060 publish-subscribe service"}. */
  String description();

  /**
   * The Guice module that declares it as component {@code componentName}, with
   * {@code Components.bind(binder()).add(componentName, …)}, and declares the configuration keys it reads
   * ({@link dev.kindling.config.ConfigKeys#declare}) and the services it shares. Kindling refuses to start if the
   * module declares no component of that name.
   *
   * <p>Called once for each component of this kind that runs, with that component's name (its own name, or
   * another for {@code component.<name>.kind}); the modules of two such components are installed side by side,
   * so what they bind besides the component must not clash (a set binding, or bindings Guice finds equal). Also
   * called with {@link #name()} to list the keys it declares, with nothing of it created.
   */
  Module module(String componentName);
}
