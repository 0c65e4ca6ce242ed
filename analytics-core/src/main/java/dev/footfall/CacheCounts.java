package dev.footfall;

/**
 * The counters of one of Footfall's in-memory caches since {@link Analytics} was built: the
 * User-Agent classifications, and, where reports count from rollups, the sums and days they keep.
 *
 * @param size how many entries it holds now (an estimate)
 * @param hits lookups answered from the cache
 * @param misses lookups that had to compute or load the value
 * @param evictions entries let go for size or age
 * @since 0.4
 */
public record CacheCounts(long size, long hits, long misses, long evictions) {
  /** Returns the share of lookups answered from the cache, from 0 to 1; 1 when there were none. */
  public double hitRate() {
    long lookups = hits + misses;
    return lookups == 0 ? 1.0 : (double) hits / lookups;
  }
}
