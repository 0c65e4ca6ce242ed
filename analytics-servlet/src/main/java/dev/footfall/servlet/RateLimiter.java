package dev.footfall.servlet;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.BucketListener;
import io.github.bucket4j.MathType;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LockFreeBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket per client IP (Bucket4j), held in a size-bounded cache (Caffeine) so that memory
 * stays bounded however many IPs appear; a forgotten client starts again with a full bucket.
 * The buckets share one configuration, so each holds only its state: about {@value #CLIENT_BYTES}
 * bytes a client with the cache's entry and an IPv6 address as key. Thread-safe.
 */
final class RateLimiter {
  /** The measured bytes of one remembered client (64-bit JVM, compressed references). */
  static final int CLIENT_BYTES = 400;

  private final Cache<String, LockFreeBucket> buckets;
  private final BucketConfiguration configuration;
  private final TimeMeter time;

  private RateLimiter(long capacity, Duration period, int maxClients, TimeMeter time) {
    this.time = time;
    this.configuration = new BucketConfiguration(List.of(
        Bandwidth.builder().capacity(capacity).refillGreedy(capacity, period).build()));
    this.buckets = Caffeine.newBuilder()
        .maximumSize(maxClients)
        .expireAfterAccess(period.multipliedBy(2))
        .build();
  }

  /** Returns a limiter for the settings, or {@code null} when rate limiting is off. */
  static RateLimiter of(HttpSettings settings) {
    return settings.rateLimit() == 0 ? null
        : new RateLimiter(settings.rateLimit(), settings.rateLimitPeriod(),
            settings.maxRateLimitedClients(), TimeMeter.SYSTEM_MILLISECONDS);
  }

  /**
   * Returns a limiter of {@code capacity} tries a {@code period} for each of up to {@code
   * maxClients} clients, reading the time from {@code clock}.
   */
  static RateLimiter of(long capacity, Duration period, int maxClients, Clock clock) {
    return new RateLimiter(capacity, period, maxClients, new TimeMeter() {
      @Override
      public long currentTimeNanos() {
        return TimeUnit.MILLISECONDS.toNanos(clock.millis());
      }

      @Override
      public boolean isWallClockBased() {
        return true;
      }
    });
  }

  /** Takes a token for the client; returns whether one was available. */
  boolean tryAcquire(String clientIp) {
    // What Bucket.builder().addLimit(...).build() makes, without a configuration of its own.
    return buckets.get(clientIp, ip -> new LockFreeBucket(configuration, MathType.INTEGER_64_BITS,
            time, BucketListener.NOPE))
        .tryConsume(1);
  }

  /** Returns how many clients are remembered (for tests of the memory bound). */
  long trackedClients() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }
}
