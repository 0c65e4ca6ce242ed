package dev.footfall;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.footfall.internal.DayAggregator;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Counts the days that are not rolled up yet (today, mostly) from their raw events, in one pass per
 * day and filter, for every dimension at once; the dashboard's reports then share that pass. A
 * count is reused while the data this instance stored is unchanged ({@code version}), and for at
 * most a minute, so that events stored by other instances on the same database show within a
 * minute. Thread-safe.
 */
final class RawDays {
  /** How long a count is reused at most. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);

  private final RollupStore store;
  private final LongSupplier version;
  private final Cache<Key, Day> counted = Caffeine.newBuilder().maximumSize(256)
      .expireAfterWrite(MAX_AGE).build();

  /**
   * @param version a number that changes whenever this instance stores or changes events
   */
  RawDays(RollupStore store, LongSupplier version) {
    this.store = store;
    this.version = version;
  }

  /**
   * Returns the day's counts of the events that pass the filter (all if null), counted from raw
   * events.
   */
  Day count(RollupDay day, Filter filter) {
    return counted.get(new Key(day, filter, version.getAsLong()), key -> {
      DayAggregator aggregator = new DayAggregator(day, RollupStore.dimensions());
      store.forEachEvent(day, (event, session) -> {
        String value = filter == null ? null : filter.dimension().valueOf(event, session);
        if (filter == null || value != null && filter.test(value)) {
          aggregator.add(event, session);
        }
      });
      return new Day(aggregator.rows(), store.recurringVisitors(day));
    });
  }

  private record Key(RollupDay day, Filter filter, long version) {}

  /**
   * One day counted from raw events.
   *
   * @param rows by dimension key ({@link RollupStore#TOTAL} for all), the counts by value
   * @param recurringVisitors the day's {@linkplain RollupStore#recurringVisitors recurring visitors}
   */
  record Day(Map<String, Map<String, DayCounts>> rows, long recurringVisitors) {}
}
