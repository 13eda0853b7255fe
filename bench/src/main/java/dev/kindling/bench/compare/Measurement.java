package dev.kindling.bench.compare;

import java.util.Locale;

/**
 * One measured run of one peer: throughput at saturation with the peer's CPU time and memory, and latency at a
 * fixed offered rate.
 *
 * @param mode direct, prosody or ejabberd
 * @param peer the framework
 * @param workload ping or message-1k
 * @param senders distinct senders (direct mode) or client connections (through a server)
 * @param workMicros how long each handler blocked
 * @param run which repetition
 * @param perSecond successful answers per second at saturation (error replies not counted)
 * @param errorsPerSecond error replies per second at saturation (refusals under load)
 * @param cpuMicrosPerStanza the peer's CPU time per answered stanza, in microseconds
 * @param residentMiB the peer's resident memory after the run
 * @param offeredRate the fixed rate of the latency phase, stanzas per second
 * @param answeredAtRate the share of the latency phase's stanzas answered (1.0 when it kept up)
 * @param p50 latency, ms
 * @param p99 latency, ms
 * @param p999 latency, ms
 */
record Measurement(String mode, String peer, String workload, int senders, long workMicros, int run,
    double perSecond, double errorsPerSecond, double cpuMicrosPerStanza, double residentMiB, double offeredRate, double answeredAtRate,
    double p50, double p99, double p999) {

  /** One JSON object. */
  String json() {
    return String.format(Locale.ROOT, "{\"mode\":\"%s\",\"peer\":\"%s\",\"workload\":\"%s\",\"senders\":%d,"
        + "\"workMicros\":%d,\"run\":%d,\"perSecond\":%.1f,\"errorsPerSecond\":%.1f,\"cpuMicrosPerStanza\":%.3f,\"cpuSecondsPer100k\":%.3f,"
        + "\"residentMiB\":%.1f,\"offeredRate\":%.1f,\"answeredAtRate\":%.4f,\"p50ms\":%.3f,\"p99ms\":%.3f,"
        + "\"p999ms\":%.3f}", mode, peer, workload, senders, workMicros, run, perSecond, errorsPerSecond, cpuMicrosPerStanza,
        cpuMicrosPerStanza / 10, residentMiB, offeredRate, answeredAtRate, p50, p99, p999);
  }
}
