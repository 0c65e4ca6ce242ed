package dev.footfall.micrometer;

import dev.footfall.Analytics;
import dev.footfall.CacheCounts;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;

/**
 * One of Footfall's caches ({@link dev.footfall.AnalyticsStats#caches()}) as Micrometer's standard
 * cache meters, named {@code footfall.<cache>} in the {@code cache} tag.
 */
final class FootfallCacheMetrics extends CacheMeterBinder<Analytics> {
  private final String cache;

  FootfallCacheMetrics(Analytics analytics, String cache, Iterable<Tag> tags) {
    super(analytics, "footfall." + cache, tags);
    this.cache = cache;
  }

  private CacheCounts counts() {
    Analytics analytics = getCache();
    CacheCounts counts = analytics == null ? null : analytics.stats().caches().get(cache);
    return counts == null ? new CacheCounts(0, 0, 0, 0) : counts;
  }

  @Override
  protected Long size() {
    return counts().size();
  }

  @Override
  protected long hitCount() {
    return counts().hits();
  }

  @Override
  protected Long missCount() {
    return counts().misses();
  }

  @Override
  protected Long evictionCount() {
    return counts().evictions();
  }

  /** Every miss computes or loads the value and puts it in the cache. */
  @Override
  protected long putCount() {
    return counts().misses();
  }

  @Override
  protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
    // The standard meters say all there is.
  }
}
