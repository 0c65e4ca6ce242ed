package dev.footfall.testkit;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.Session;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.EventStore;
import dev.footfall.spi.LeaseStore;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SaltStore;
import dev.footfall.spi.Selection;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.SiteStore;
import dev.footfall.spi.Storage;
import dev.footfall.spi.TimeBuckets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the reports a storage answers by scanning raw events, to show when rollups are used. */
final class RawCalls {
  private final AtomicLong calls = new AtomicLong();

  /** Returns how many totals, breakdowns and timeseries the wrapped storages counted from events. */
  long count() {
    return calls.get();
  }

  /**
   * Returns the storage with its raw aggregates counted. The wrapper does not pass on {@link
   * Storage#countsRawEventsFast()}, so that reports on it take the rollup path on every storage,
   * DuckDB's too: the contract checks each storage's rollup store.
   */
  Storage wrap(Storage storage) {
    AggregateStore counted = new AggregateStore() {
      @Override
      public Counts total(Selection selection) {
        calls.incrementAndGet();
        return storage.aggregates().total(selection);
      }

      @Override
      public Map<String, Counts> breakdown(Selection selection, Dimension dimension, int offset,
          int limit) {
        calls.incrementAndGet();
        return storage.aggregates().breakdown(selection, dimension, offset, limit);
      }

      @Override
      public Map<Long, Counts> timeseries(Selection selection, TimeBuckets buckets) {
        calls.incrementAndGet();
        return storage.aggregates().timeseries(selection, buckets);
      }

      /** Engagements are always counted raw; not counted here. */
      @Override
      public Map<String, EngagementSums> engagement(Selection selection,
          Collection<String> pages) {
        return storage.aggregates().engagement(selection, pages);
      }

      @Override
      public Optional<Instant> firstEvent(String siteId) {
        return storage.aggregates().firstEvent(siteId);
      }
    };
    return new Storage() {
      @Override public SiteStore sites() { return storage.sites(); }
      @Override public EventStore events() { return storage.events(); }
      @Override public SessionStore sessions() { return storage.sessions(); }
      @Override public SaltStore salts() { return storage.salts(); }
      @Override public AggregateStore aggregates() { return counted; }
      @Override public RollupStore rollups() { return storage.rollups(); }
      @Override public LeaseStore leases() { return storage.leases(); }
      @Override public void close() { storage.close(); }

      @Override
      public void write(List<Event> events, Collection<Session> sessions) {
        storage.write(events, sessions);
      }
    };
  }
}
