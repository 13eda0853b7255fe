package dev.kindling.bench.pubsub;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Who used the CPU during a measured interval: the component, this process (the server side), PostgreSQL, and
 * everything else on the machine (other work's tests, on a shared machine), in percent of one core.
 */
final class CpuShares {
  private final ComponentProcess component;
  private final long startNanos;
  private final double componentStart;
  private final double ownStart;
  private final MachineLoad machineStart;
  private double seconds;
  private double componentSeconds;
  private double ownSeconds;
  private double postgresSeconds;
  private double otherSeconds;

  private CpuShares(ComponentProcess component) throws IOException {
    this.component = component;
    this.machineStart = MachineLoad.now();
    this.componentStart = component.cpuSeconds();
    this.ownStart = ownCpuSeconds();
    this.startNanos = System.nanoTime();
  }

  /** Starts counting now. */
  static CpuShares start(ComponentProcess component) throws IOException {
    return new CpuShares(component);
  }

  /** Stops counting; returns this. */
  CpuShares stop() throws IOException {
    seconds = (System.nanoTime() - startNanos) / 1e9;
    componentSeconds = component.cpuSeconds() - componentStart;
    ownSeconds = ownCpuSeconds() - ownStart;
    MachineLoad machine = MachineLoad.now();
    postgresSeconds = machine.postgresSeconds() - machineStart.postgresSeconds();
    otherSeconds = Math.max(0, machine.busySeconds() - machineStart.busySeconds() - componentSeconds - ownSeconds
        - postgresSeconds);
    return this;
  }

  /** The component's CPU seconds in the interval. */
  double componentSeconds() {
    return componentSeconds;
  }

  /** PostgreSQL's CPU seconds in the interval. */
  double postgresSeconds() {
    return postgresSeconds;
  }

  /** CPU seconds used by neither the benchmark, the component nor PostgreSQL: others' load. */
  double otherSeconds() {
    return otherSeconds;
  }

  /** E.g. "component 120 %, server side 60 %, others 5 % of a core". */
  String describe() {
    return String.format(Locale.ROOT, "component %.0f %%, server side %.0f %%%s, others %.0f %% of a core (2 cores)",
        100 * componentSeconds / seconds, 100 * ownSeconds / seconds,
        postgresSeconds > 0.01 ? String.format(Locale.ROOT, ", PostgreSQL %.0f %%", 100 * postgresSeconds / seconds)
            : "", 100 * otherSeconds / seconds);
  }

  private static double ownCpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime() / 1e9;
  }
}
