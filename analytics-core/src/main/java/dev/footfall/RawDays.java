package dev.footfall;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.footfall.internal.DayAggregator;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SessionStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Counts the days that are not rolled up yet (today, mostly) from their raw events. A day's events
 * (and the day before's) are read once into a {@link DayAggregator} and then kept up to date: each
 * count first reads the events stored since the last read, if this instance wrote any or {@link
 * #RECHECK} has passed, and the sessions still open, so that a dashboard after new events costs
 * what is new, not the whole day. The dashboard's reports share one count per day, filter and
 * state of the data. Events edited through {@link Rollups#refresh} make the next count read the
 * day again; a day is read again in the background every {@link #MAX_AGE} for what reading only
 * new ids can miss (events another instance committed out of id order, edited or deleted). A day
 * not counted for ten minutes is let go. Thread-safe.
 */
final class RawDays {
  /** How often a day is read again in full, in the background. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);
  /** How long a count may go without looking for events other instances stored. */
  static final Duration RECHECK = Duration.ofSeconds(5);
  /** How many counts (filters) a day keeps for one state of its data. */
  private static final int MAX_COUNTS = 32;

  private final RollupStore store;
  private final SessionStore sessions;
  private final LongSupplier stored;
  private final LongSupplier edits;
  private final Ticker ticker;
  private final LoadingCache<RollupDay, LiveDay> days;

  /**
   * @param stored a number that grows whenever this instance writes events or sessions
   * @param edits a number that grows whenever stored events were edited or deleted
   * @param executor where days are read again in the background
   * @param ticker the time in nanoseconds, for {@link #RECHECK} and {@link #MAX_AGE}
   */
  RawDays(RollupStore store, SessionStore sessions, LongSupplier stored, LongSupplier edits,
      Executor executor, Ticker ticker) {
    this.store = store;
    this.sessions = sessions;
    this.stored = stored;
    this.edits = edits;
    this.ticker = ticker;
    this.days = Caffeine.newBuilder().maximumSize(64).expireAfterAccess(Duration.ofMinutes(10))
        .refreshAfterWrite(MAX_AGE).executor(executor).ticker(ticker).build(LiveDay::new);
  }

  /**
   * Returns the day's counts of the events that pass the filter (all if null), counted from raw
   * events.
   *
   * @param filter null, or a filter on a dimension other than a custom prop
   */
  Day count(RollupDay day, Filter filter) {
    LiveDay live = days.get(day);
    if (live.edits != edits.getAsLong()) {
      days.asMap().remove(day, live);
      live = days.get(day);
    }
    try {
      return live.count(filter);
    } catch (RuntimeException e) {
      // A read that failed half-way leaves the day unknown: the next count reads it afresh.
      days.asMap().remove(day, live);
      throw e;
    }
  }

  /**
   * One day counted from raw events.
   *
   * @param rows by dimension key ({@link RollupStore#TOTAL} for all), the counts by value
   * @param recurringVisitors the day's {@linkplain RollupStore#recurringVisitors recurring visitors}
   */
  record Day(Map<String, Map<String, DayCounts>> rows, long recurringVisitors) {}

  /** A day's events as read so far, and its counts since the last read. */
  private final class LiveDay {
    private final RollupDay day;
    private final long edits;
    private final DayAggregator events;
    private final Map<Filter, Day> counts = new HashMap<>();
    private long readUpTo;
    private long storedAtRead;
    private long readAt;
    private long recurringVisitors;
    private int checkedVisitors;

    LiveDay(RollupDay day) {
      this.day = day;
      this.edits = RawDays.this.edits.getAsLong();
      this.events = new DayAggregator(day);
      read();
    }

    synchronized Day count(Filter filter) {
      if (stored.getAsLong() != storedAtRead || ticker.read() - readAt >= RECHECK.toNanos()) {
        read();
      }
      if (counts.size() >= MAX_COUNTS) {
        counts.clear();
      }
      return counts.computeIfAbsent(filter, f -> new Day(events.rows(f), recurringVisitors));
    }

    /** Reads the events stored since the last read, the open sessions and the new visitors. */
    private void read() {
      storedAtRead = stored.getAsLong();
      readAt = ticker.read();
      readUpTo = store.forEachEvent(day, readUpTo, events::add);
      sessions.findAll(events.openSessions()).forEach(events::update);
      List<Long> visitors = events.visitorsOnTheDay();
      if (visitors.size() > checkedVisitors) {
        recurringVisitors += store.recurringVisitors(day,
            visitors.subList(checkedVisitors, visitors.size()));
        checkedVisitors = visitors.size();
      }
      counts.clear();
    }
  }
}
