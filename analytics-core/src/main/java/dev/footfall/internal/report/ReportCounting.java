package dev.footfall.internal.report;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.footfall.CacheCounts;
import dev.footfall.SiteRegistry;
import dev.footfall.internal.HeapShare;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * How reports are counted on one storage: the store {@code Reports} asks, and the upkeep it
 * needs. The one place where the path of a report is chosen (see the package description).
 */
public final class ReportCounting {
  private final AggregateStore aggregates;
  private final Runnable keepToday;
  private final Supplier<Map<String, CacheCounts>> caches;

  private ReportCounting(AggregateStore aggregates, Runnable keepToday,
      Supplier<Map<String, CacheCounts>> caches) {
    this.aggregates = aggregates;
    this.keepToday = keepToday;
    this.caches = caches;
  }

  /**
   * Every report is one query of the storage's own {@link AggregateStore} over the raw events:
   * for a storage that {@linkplain Storage#countsRawEventsFast() counts them fast}, or when reports
   * from rollups are turned off.
   */
  public static ReportCounting fromRawEvents(Storage storage) {
    return new ReportCounting(storage.aggregates(), null, Map::of);
  }

  /**
   * Reports read the day rollups where those give the raw events' numbers, and count the days not
   * rolled up yet from raw events held in memory ({@link RollupAggregates}, {@link RawDays}).
   *
   * @param writes a number that grows whenever this instance writes events or sessions
   * @param edits a number that grows whenever stored events were edited or deleted
   * @param replaced a number that grows whenever this instance replaced a day's rollup
   * @param rereads where held days are read again in the background
   */
  public static ReportCounting fromRollups(SiteRegistry sites, Storage storage, Clock clock,
      LongSupplier writes, LongSupplier edits, LongSupplier replaced,
      ScheduledExecutorService rereads) {
    RawDays rawDays = new RawDays(storage.rollups(), storage.sessions(), writes, edits,
        reread -> rereads.schedule(reread, RawDays.REREAD_DELAY.toMillis(),
            TimeUnit.MILLISECONDS), Ticker.systemTicker(),
        HeapShare.count(10, RawDays.EVENT_BYTES, RawDays.MAX_EVENTS));
    RollupAggregates aggregates = new RollupAggregates(sites, storage.aggregates(),
        storage.rollups(), rawDays, replaced, clock, Ticker.systemTicker());
    return new ReportCounting(aggregates, aggregates::keepToday, aggregates::cacheCounts);
  }

  /** Returns the store that counts for reports. */
  public AggregateStore aggregates() {
    return aggregates;
  }

  /** Returns the counters of the caches reports keep, by name; none when counting raw events. */
  public Map<String, CacheCounts> cacheCounts() {
    return caches.get();
  }

  /**
   * Returns the task that reads every site's today into memory or brings it up to date, to be run
   * now and then so that a dashboard finds it held; empty if nothing is held.
   */
  public Optional<Runnable> keepToday() {
    return Optional.ofNullable(keepToday);
  }
}
