package dev.footfall.testkit;

import dev.footfall.Condition;
import dev.footfall.Dimension;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.GroupKey;
import dev.footfall.spi.RevenueSum;
import dev.footfall.spi.Selection;
import dev.footfall.spi.Storage;
import dev.footfall.spi.TimeBuckets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the reports a storage answers by scanning raw events, to show when rollups are used. */
final class RawCalls {
  private final AtomicLong calls = new AtomicLong();

  /**
   * Returns how many totals, breakdowns, timeseries, visitors, pageviews, groupings, revenue sums,
   * prop keys and funnels the wrapped storages counted from events.
   */
  long count() {
    return calls.get();
  }

  /**
   * Returns the storage with its raw aggregates counted. The wrapper does not pass on {@link
   * Storage#countsRawEventsFast()}, so that reports on it take the rollup path on every storage,
   * DuckDB's too: the contract checks each storage's rollup store. Calls that the other storage
   * under test was asked in the same comparison are answered as it answered them ({@link
   * SameCalls}), and counted all the same.
   */
  Storage wrap(Storage storage, SameCalls same) {
    AggregateStore counted = new AggregateStore() {
      @Override
      public Counts total(Selection selection) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().total(selection), "total", selection);
      }

      @Override
      public Map<String, Counts> breakdown(Selection selection, Dimension dimension, int offset,
          int limit) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().breakdown(selection, dimension, offset,
            limit), "breakdown", selection, dimension, offset, limit);
      }

      @Override
      public Map<Long, Counts> timeseries(Selection selection, TimeBuckets buckets) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().timeseries(selection, buckets),
            "timeseries", selection, buckets);
      }

      /** The storage's own, as in production, rather than the default's total. */
      @Override
      public long visitors(Selection selection) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().visitors(selection), "visitors", selection);
      }

      /** The storage's own, as in production, rather than the default's timeseries. */
      @Override
      public Map<Long, Long> pageviews(Selection selection, TimeBuckets buckets) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().pageviews(selection, buckets), "pageviews",
            selection, buckets);
      }

      /** Engagements are always counted raw; not counted here. */
      @Override
      public Map<String, EngagementSums> engagement(Selection selection,
          Collection<String> pages) {
        return same.reuse(() -> storage.aggregates().engagement(selection, pages),
            "engagement", selection, new ArrayList<>(pages));
      }

      @Override
      public Map<GroupKey, Counts> groups(Selection selection, List<Dimension> dimensions,
          Optional<TimeBuckets> buckets) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().groups(selection, dimensions, buckets),
            "groups", selection, dimensions, buckets);
      }

      @Override
      public RevenueSum revenue(Selection selection, Currency currency) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().revenue(selection, currency),
            "revenue", selection, currency);
      }

      @Override
      public Map<String, Long> propKeys(Selection selection) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().propKeys(selection), "propKeys",
            selection);
      }

      @Override
      public long[] funnel(Selection selection, List<Condition> steps) {
        calls.incrementAndGet();
        return same.reuse(() -> storage.aggregates().funnel(selection, steps), "funnel",
            selection, steps);
      }

      @Override
      public Optional<Instant> firstEvent(String siteId) {
        return same.reuse(() -> storage.aggregates().firstEvent(siteId), "firstEvent", siteId);
      }
    };
    return new ForwardingStorage(storage) {
      @Override
      public AggregateStore aggregates() {
        return counted;
      }

      @Override
      public boolean countsRawEventsFast() {
        return false;
      }
    };
  }
}
