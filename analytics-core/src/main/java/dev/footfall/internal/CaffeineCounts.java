package dev.footfall.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import dev.footfall.CacheCounts;

/** Reads the counters of a Caffeine cache built with {@code recordStats()}. */
public final class CaffeineCounts {
  private CaffeineCounts() {}

  /** Returns the cache's size and counters now. */
  public static CacheCounts of(Cache<?, ?> cache) {
    CacheStats stats = cache.stats();
    return new CacheCounts(cache.estimatedSize(), stats.hitCount(), stats.missCount(),
        stats.evictionCount());
  }
}
