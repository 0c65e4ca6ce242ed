package dev.footfall.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * A token bucket per client IP (Bucket4j), held in a size-bounded cache (Caffeine) so that memory
 * stays bounded however many IPs appear; a forgotten client starts again with a full bucket.
 * Thread-safe.
 */
final class RateLimiter {
  private final Cache<String, Bucket> buckets;
  private final long capacity;
  private final Duration period;

  private RateLimiter(long capacity, Duration period, int maxClients) {
    this.capacity = capacity;
    this.period = period;
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxClients)
        .expireAfterAccess(period.multipliedBy(2))
        .build();
  }

  /** Returns a limiter for the settings, or {@code null} when rate limiting is off. */
  static RateLimiter of(HttpSettings settings) {
    return settings.rateLimit() == 0 ? null
        : new RateLimiter(settings.rateLimit(), settings.rateLimitPeriod(),
            settings.maxRateLimitedClients());
  }

  /** Takes a token for the client; returns whether one was available. */
  boolean tryAcquire(String clientIp) {
    return buckets.get(clientIp, ip -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build())
        .build())
        .tryConsume(1);
  }

  /** Returns how many clients are remembered (for tests of the memory bound). */
  long trackedClients() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
