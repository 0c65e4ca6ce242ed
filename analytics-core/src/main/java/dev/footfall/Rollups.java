package dev.footfall;

import dev.footfall.internal.report.DayAggregator;
import dev.footfall.internal.report.RollupAggregates;
import dev.footfall.spi.DayRollup;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * Rolls up each completed local day of each site: counts its events once, in total and by every
 * dimension but custom props, so that reports over many days read a row per day and value instead
 * of every event. {@link Job#ROLLUP} rolls up each day soon after the site's local midnight (and
 * catches up on missed days); {@link #rollUp} re-rolls a range by hand, for a backfill. Thread-safe.
 *
 * <p>A day is rolled up once it is complete: at least 30 minutes after its end, so that late events
 * have landed, and once every session that had events on it has ended, so that the visits' bounces
 * and durations are final — or, at the latest, {@link #MAX_OPEN_VISIT_WAIT} after its end, with an
 * open visit's sums as they stand then (with the default session timeout, only a client that keeps
 * sending one session id keeps a visit open that long), so that such a visit cannot hold back a
 * site's rollups and retention. Such a day is not rolled up again when the visit ends, so its
 * rollup keeps that visit's bounce and duration as they were.
 *
 * <p>A storage that {@linkplain Storage#countsRawEventsFast() counts raw events fast}
 * keeps no rollups: there {@link Job#ROLLUP} does not run, {@link #rollUp} is refused and {@link
 * #refresh} has nothing to do.
 *
 * @since 0.1
 */
public final class Rollups {
  /** How long after a day's end its rollup waits for late events. */
  public static final Duration GRACE = Duration.ofMinutes(30);

  /**
   * How long after a day's end its rollup waits at most for visits still open. One day, so that at
   * most three days (the held-back one, yesterday and today) are counted from raw events next to
   * rollups.
   */
  public static final Duration MAX_OPEN_VISIT_WAIT = Duration.ofDays(1);

  private final SiteRegistry sites;
  private final Storage storage;
  private final Clock clock;
  private final Optional<Duration> retention;
  private final boolean enabled;
  private final AtomicLong changes = new AtomicLong();
  private final AtomicLong replaced = new AtomicLong();

  Rollups(SiteRegistry sites, Storage storage, Clock clock, Optional<Duration> retention) {
    this.sites = sites;
    this.storage = storage;
    this.clock = clock;
    this.retention = retention;
    this.enabled = !storage.countsRawEventsFast();
  }

  /**
   * Returns whether days are rolled up at all: false on a storage that {@linkplain
   * Storage#countsRawEventsFast() counts raw events fast}.
   *
   * @since 0.2
   */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Rolls up every day from {@code from} to {@code to} of a site again from its raw events,
   * replacing each day's rollup in one transaction, and the day after {@code to} if it is rolled up
   * (its visits continued from {@code to}).
   *
   * @return how many days were rolled up
   * @throws IllegalArgumentException if {@code from} is after {@code to}, if {@code to} is not
   *     before the site's today, or if {@code from} is before the retention period, whose raw events
   *     may be deleted
   * @throws IllegalStateException if the storage keeps no rollups ({@link #enabled()})
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public int rollUp(String siteId, LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!enabled) {
      throw new IllegalStateException("this storage counts reports from raw events and keeps no"
          + " rollups: there is nothing to roll up");
    }
    Site site = sites.find(Objects.requireNonNull(siteId, "siteId"))
        .orElseThrow(() -> new UnknownSiteException(siteId));
    LocalDate today = today(site.timezone());
    LocalDate firstKept = firstKeptDay(site.timezone());
    if (from.isAfter(to)) {
      throw new IllegalArgumentException("from " + from + " is after to " + to);
    }
    if (!to.isBefore(today)) {
      throw new IllegalArgumentException("only complete days can be rolled up: to must be before "
          + today + " (today in " + site.timezone() + ") but was " + to);
    }
    if (from.isBefore(firstKept)) {
      throw new IllegalArgumentException("raw events before " + firstKept + " may have been deleted"
          + " (retention " + retention.orElseThrow().toDays() + " days): from must not be before"
          + " it but was " + from);
    }
    int days = 0;
    for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
      rollUp(new RollupDay(siteId, date, site.timezone()));
      days++;
    }
    LocalDate next = to.plusDays(1);
    if (next.isBefore(today) && isRolledUp(siteId, next)) {
      rollUp(new RollupDay(siteId, next, site.timezone()));
      days++;
    }
    return days;
  }

  /**
   * Rolls up again the days from {@code from} to {@code to}, and the day after, that are rolled up
   * already, after their events changed (an import, an edit or a deletion); other days are left to
   * {@link Job#ROLLUP}.
   *
   * @return how many days were rolled up; a site deleted meanwhile by another instance ends the
   *     refresh, as it leaves nothing to refresh; 0 if the storage keeps no rollups
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   */
  public int refresh(String siteId, LocalDate from, LocalDate to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    changes.incrementAndGet(); // the events of a day not rolled up may have changed too
    Site site = sites.find(Objects.requireNonNull(siteId, "siteId"))
        .orElseThrow(() -> new UnknownSiteException(siteId));
    LocalDate last = to.plusDays(1);
    if (from.isAfter(last) || !enabled) {
      return 0;
    }
    int days = 0;
    for (LocalDate date : storage.rollups().rolledUp(siteId, from, last).keySet()) {
      if (!rollUpUnlessDeleted(new RollupDay(siteId, date, site.timezone()))) {
        break;
      }
      days++;
    }
    return days;
  }

  /**
   * Rolls up, site by site and in order, every complete day since the site's first stored event
   * that is not rolled up yet, or was rolled up by an older version that did not list its recurring
   * visitor ids; stops early when {@code keepGoing} says so.
   */
  String rollUpPending(BooleanSupplier keepGoing) {
    int days = 0;
    int waiting = 0;
    for (Site site : sites.list()) {
      LocalDate yesterday = today(site.timezone()).minusDays(1);
      Optional<LocalDate> first = firstEventDay(site);
      if (first.isEmpty() || first.get().isAfter(yesterday)) {
        continue;
      }
      Map<LocalDate, Long> done = storage.rollups().rolledUp(site.id(), first.get(), yesterday);
      for (LocalDate date = first.get(); !date.isAfter(yesterday); date = date.plusDays(1)) {
        // Not the first two days with events again: retention may have cut them part-way.
        if (done.containsKey(date) && !(listsNoRecurringIds(done.get(date))
            && date.isAfter(first.get().plusDays(1)))) {
          continue;
        }
        if (!keepGoing.getAsBoolean()) {
          return "rolled up " + days + " days, then stopped";
        }
        RollupDay day = new RollupDay(site.id(), date, site.timezone());
        if (!isComplete(day)) {
          // Later days wait too: each day's continued visits are counted from the day before.
          waiting++;
          break;
        }
        if (!rollUpUnlessDeleted(day)) {
          break;
        }
        days++;
      }
    }
    return "rolled up " + days + " days" + (waiting == 0 ? ""
        : "; " + waiting + " sites wait for a day's late events or open visits");
  }

  /**
   * Returns whether a day's recurring-visitor count says it was rolled up by a version that did not
   * list the ids: such days are rolled up again, so that their ranges can leave the raw events.
   */
  private static boolean listsNoRecurringIds(long recurringVisitors) {
    return recurringVisitors == RollupAggregates.UNKNOWN_RECURRING;
  }

  /**
   * Returns the earliest instant the retention job may delete events before without losing events a
   * rollup still needs: {@code cutoff}, or the start of the day before a site's first day that is not
   * rolled up yet ({@code cutoff} if the storage keeps no rollups).
   */
  Instant retentionCutoff(Instant cutoff) {
    if (!enabled) {
      return cutoff;
    }
    Instant safe = cutoff;
    for (Site site : sites.list()) {
      Optional<LocalDate> first = firstEventDay(site);
      if (first.isEmpty()) {
        continue;
      }
      LocalDate last = LocalDate.ofInstant(cutoff, site.timezone());
      Map<LocalDate, Long> done = storage.rollups().rolledUp(site.id(), first.get(), last);
      for (LocalDate date = first.get(); !date.isAfter(last); date = date.plusDays(1)) {
        if (!done.containsKey(date)) {
          Instant keep = date.minusDays(1).atStartOfDay(site.timezone()).toInstant();
          safe = keep.isBefore(safe) ? keep : safe;
          break;
        }
      }
    }
    return safe;
  }

  /** Returns a number that grows whenever {@link #refresh} is told that events changed. */
  long changes() {
    return changes.get();
  }

  /**
   * Returns a number that grows whenever this instance replaced a day's rollup, after the
   * replacement was stored.
   */
  long replaced() {
    return replaced.get();
  }

  private void rollUp(RollupDay day) {
    RollupStore store = storage.rollups();
    DayAggregator aggregator = new DayAggregator(day);
    store.forEachEvent(day, 0, aggregator::add);
    try {
      store.replace(new DayRollup(day, aggregator.rows(null),
          store.recurringVisitors(day, aggregator.visitorsOnTheDay())));
    } finally {
      replaced.incrementAndGet(); // also if it failed, as it may have been stored
    }
  }

  /**
   * Rolls up the day; returns false instead if its site was deleted since it was looked up (by
   * another instance: this one's registry can lag the database by a minute).
   */
  private boolean rollUpUnlessDeleted(RollupDay day) {
    try {
      rollUp(day);
      return true;
    } catch (UnknownSiteException deleted) {
      return false;
    }
  }

  private boolean isComplete(RollupDay day) {
    Instant now = clock.instant();
    return !now.isBefore(day.end().plus(GRACE))
        && (!now.isBefore(day.end().plus(MAX_OPEN_VISIT_WAIT)) || storage.rollups().settled(day));
  }

  private boolean isRolledUp(String siteId, LocalDate date) {
    return storage.rollups().rolledUp(siteId, date, date).containsKey(date);
  }

  private Optional<LocalDate> firstEventDay(Site site) {
    return storage.aggregates().firstEvent(site.id())
        .map(first -> LocalDate.ofInstant(first, site.timezone()));
  }

  private LocalDate today(ZoneId zone) {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  /** Returns the first day whose raw events are all kept ({@link LocalDate#MIN} without retention). */
  private LocalDate firstKeptDay(ZoneId zone) {
    return retention.map(keep -> LocalDate.ofInstant(clock.instant().minus(keep), zone).plusDays(1))
        .orElse(LocalDate.MIN);
  }
}
