package dev.footfall.spi;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.Filter;
import dev.footfall.Session;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Day rollups: each completed local day of a site counted once, in total and by every dimension
 * but custom props, so that reports over many days add up days instead of scanning events. Counts
 * over several days are combined as {@link DayCounts} explains. Thread-safe; failures throw {@link
 * dev.footfall.StorageException}.
 *
 * @since 0.1
 */
public interface RollupStore {
  /** The dimension key of the rows that count all events. */
  String TOTAL = "";

  /**
   * Passes each event from the start of the day before to the end of the day, in no particular
   * order, with its stored session (null if it is not stored), so that a whole day can be rolled up
   * in one pass; or, given where an earlier call ended, only those stored since, so that a day
   * counted before can be brought up to date. A read of all the events should stream them rather
   * than hold them all in memory at once.
   *
   * @param after 0 for all the events, or what an earlier call for the day returned
   * @return where this call ended: the greatest event id the store held, of any site and day, as
   *     it read (events stored with a lower id after that, by a transaction that committed late,
   *     are not passed by the next call)
   */
  long forEachEvent(RollupDay day, long after, BiConsumer<Event, Session> action);

  /**
   * Returns those of these visitor ids (the day's, or some of them) that also occur on a day other
   * than the day before, the day itself and the day after. Such ids break the sum that combines
   * days (see {@link DayCounts}), so reports correct it from their events; Footfall's own visitor
   * ids never recur so.
   */
  Set<Long> recurringVisitors(RollupDay day, Collection<Long> visitorIds);

  /**
   * Returns the {@linkplain #recurringVisitors recurring visitor ids} of the rolled-up days from
   * {@code from} to {@code to}, as each day's {@link DayRollup} listed them.
   *
   * @since 0.1
   */
  Set<Long> recurringVisitors(String siteId, LocalDate from, LocalDate to);

  /**
   * Deletes the recurring visitor ids listed by the days before {@code date} (of every site), as
   * the retention job deletes the raw events of those days: rollups keep no visitor id longer than
   * the raw events. Their rows and counts are kept.
   *
   * @since 0.1
   */
  void deleteRecurringVisitorsBefore(LocalDate date);

  /**
   * Passes each of the site's events with {@code from <= timestamp < to} whose visitor is one of
   * these ids, in no particular order, with its stored session (null if it is not stored). Only
   * asked for the few recurring ids of a range, so a store may look them up by visitor id.
   *
   * @since 0.1
   */
  void forEachEventOf(String siteId, Collection<Long> visitorIds, Instant from, Instant to,
      BiConsumer<Event, Session> action);

  /**
   * Returns whether every stored session with events up to the day's end has ended, so that the
   * day's session sums will not change any more.
   */
  boolean settled(RollupDay day);

  /**
   * Replaces the day's rollup in one transaction, so that readers see the old one or the new one.
   * Replaces of one site's days may be called from several threads or instances at once; the store
   * keeps them from overlapping where its rows depend on more than one day.
   *
   * @throws dev.footfall.UnknownSiteException if the store holds no such site
   */
  void replace(DayRollup rollup);

  /**
   * Returns the days from {@code from} to {@code to} that are rolled up, each with the number of
   * its {@linkplain #recurringVisitors recurring visitors}, or -1 if it was rolled up before their
   * ids were kept (a store upgraded from an older version) and the ids are not known.
   */
  Map<LocalDate, Long> rolledUp(String siteId, LocalDate from, LocalDate to);

  /**
   * Sums the rolled-up days from {@code from} to {@code to} (days not rolled up count as empty),
   * grouped by value, subtracting the continued counts of every day but {@code from}.
   *
   * @param groupBy the dimension whose rows are summed, or null for the total rows
   * @param filter null, or an {@link Filter.Operator#IS} filter: only the rows of its value, of its
   *     dimension if {@code groupBy} is null, else of {@code groupBy}, which must be its dimension
   */
  Map<String, Counts> sum(String siteId, LocalDate from, LocalDate to, Dimension groupBy,
      Filter filter);

  /**
   * Sums like {@link #sum} but grouped by time bucket, by {@linkplain TimeBuckets#keyOf bucket key}
   * instead of value, subtracting the continued counts of every day but the first of the range and
   * the first of each bucket.
   *
   * @param unit {@link TimeBuckets.Unit#DAY}, {@link TimeBuckets.Unit#WEEK} or {@link
   *     TimeBuckets.Unit#MONTH}
   */
  Map<Long, Counts> sumByBucket(String siteId, LocalDate from, LocalDate to, Filter filter,
      TimeBuckets.Unit unit);

  /** The dimensions rollups keep rows of: every kind but custom props. */
  static List<Dimension> dimensions() {
    return List.of(Dimension.PAGE, Dimension.ENTRY_PAGE, Dimension.EXIT_PAGE, Dimension.SOURCE,
        Dimension.REFERRER, Dimension.UTM_SOURCE, Dimension.UTM_MEDIUM, Dimension.UTM_CAMPAIGN,
        Dimension.UTM_CONTENT, Dimension.UTM_TERM, Dimension.COUNTRY, Dimension.DEVICE,
        Dimension.BROWSER, Dimension.OS, Dimension.EVENT_NAME);
  }
}
