package dev.kindling.pubsub.service;

import dev.kindling.handler.StanzaErrorException;
import dev.kindling.inject.KindlingConfig;
import dev.kindling.pubsub.PubSubKeys;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.xmpp.packet.JID;
import org.xmpp.packet.PacketError;

/**
 * Requests per second per bare JID ({@code pubsub.requests-per-second}), a token bucket holding one second's
 * worth: a client that floods gets {@code resource-constraint} (type {@code wait}) while others are served.
 * Buckets that have refilled are forgotten, so the map holds only the JIDs active in the last second or so.
 */
@Singleton
final class RequestRate {
  private static final int FORGET_EVERY = 4096;

  private final double perSecond;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
  private final AtomicInteger sinceSweep = new AtomicInteger();

  private static final class Bucket {
    double tokens;
    long refilledAt;

    Bucket(double tokens, long now) {
      this.tokens = tokens;
      this.refilledAt = now;
    }
  }

  @Inject
  RequestRate(KindlingConfig config) {
    this.perSecond = config.get(PubSubKeys.REQUESTS_PER_SECOND);
  }

  /** Takes a token for {@code requester}, or refuses the request. */
  void take(JID requester) throws StanzaErrorException {
    long now = System.nanoTime();
    Bucket bucket = buckets.computeIfAbsent(requester.toBareJID(), jid -> new Bucket(perSecond, now));
    boolean allowed;
    synchronized (bucket) {
      bucket.tokens = Math.min(perSecond, bucket.tokens + (now - bucket.refilledAt) * perSecond / 1e9);
      bucket.refilledAt = now;
      allowed = bucket.tokens >= 1;
      if (allowed) {
        bucket.tokens -= 1;
      }
    }
    if (sinceSweep.incrementAndGet() % FORGET_EVERY == 0) {
      buckets.values().removeIf(idle -> (now - idle.refilledAt) > 2_000_000_000L);
    }
    if (!allowed) {
      throw new StanzaErrorException(PacketError.Condition.resource_constraint, PacketError.Type.wait,
          "more than " + (int) perSecond + " requests per second: slow down", null);
    }
  }
}
