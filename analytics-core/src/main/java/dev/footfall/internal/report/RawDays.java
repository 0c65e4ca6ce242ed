package dev.footfall.internal.report;

import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.footfall.CacheCounts;
import dev.footfall.Event;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.internal.CaffeineCounts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.SessionStore;
import dev.footfall.spi.TimeBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Counts the days that are not rolled up yet (today, mostly) from their raw events. A day's events
 * (and the day before's) are read once into a {@link DayAggregator} and then kept up to date: a
 * count first reads the events stored since the last read, the sessions still open and whether new
 * visitors recur, if this instance wrote anything since or {@link #RECHECK} has passed, so that a
 * dashboard after new events reads what is new, not the whole day (the count itself then walks the
 * day's events in memory). Reports share one count per day, filter and state of the data; the
 * visitors and pageviews of the last minutes (a realtime view) are counted from the same events.
 * Events edited through {@link dev.footfall.Rollups#refresh} make the next count read the day
 * again; a day counted {@link #MAX_AGE} after it was read is read again in the background (the
 * count is served from the old one meanwhile), for what reading only new ids misses: events
 * another instance committed out of id order, edited or deleted, and visitors that recur only
 * through such events. Days not counted for ten minutes are let go, and the oldest are when the
 * days held pass {@value #MAX_EVENTS} events. Thread-safe.
 */
public final class RawDays {
  /** How long after a day is read it is read again in full, in the background. */
  static final Duration MAX_AGE = Duration.ofMinutes(1);
  /**
   * How long after a count asks for a background reread it should start, so as not to take CPU
   * from the other reports of the same view (the executor given sees to it).
   */
  static final Duration REREAD_DELAY = Duration.ofSeconds(5);
  /** How long a count may go without looking for events other instances stored. */
  static final Duration RECHECK = Duration.ofSeconds(5);
  /** The most events held in all the days, about {@value #EVENT_BYTES} bytes each. */
  public static final long MAX_EVENTS = 2_000_000;
  /** What a held event takes, about (a day of 58k events held 5 MB). */
  static final int EVENT_BYTES = 100;
  /** How many counts (filters) a day keeps for one state of its data. */
  private static final int MAX_COUNTS = 32;

  private final RollupStore store;
  private final SessionStore sessions;
  private final LongSupplier writes;
  private final LongSupplier edits;
  private final Ticker ticker;
  private final long maxEvents;
  private final LoadingCache<RollupDay, LiveDay> days;

  /**
   * @param writes a number that grows whenever this instance writes events or sessions
   * @param edits a number that grows whenever stored events were edited or deleted
   * @param rereads where days are read again in the background, best {@link #REREAD_DELAY} after
   *     they are handed to it
   * @param ticker the time in nanoseconds, for {@link #RECHECK} and {@link #MAX_AGE}
   * @param maxEvents the most events held in all the days ({@link #MAX_EVENTS})
   */
  public RawDays(RollupStore store, SessionStore sessions, LongSupplier writes, LongSupplier edits,
      Executor rereads, Ticker ticker, long maxEvents) {
    this.store = store;
    this.sessions = sessions;
    this.writes = writes;
    this.edits = edits;
    this.ticker = ticker;
    this.maxEvents = maxEvents;
    // The cache's own upkeep runs on the calling threads; only rereads go to the executor.
    this.days = Caffeine.newBuilder().maximumWeight(maxEvents)
        .weigher((RollupDay day, LiveDay live) -> live.size)
        .expireAfterAccess(Duration.ofMinutes(10)).refreshAfterWrite(MAX_AGE).recordStats()
        .executor(Runnable::run).ticker(ticker).build(new CacheLoader<>() {
          @Override
          public LiveDay load(RollupDay day) {
            return new LiveDay(day);
          }

          @Override
          public CompletableFuture<LiveDay> asyncReload(RollupDay day, LiveDay old,
              Executor executor) {
            return CompletableFuture.supplyAsync(() -> new LiveDay(day), rereads);
          }
        });
  }

  /**
   * Returns the day's counts of the events that pass the filter (all if null), counted from raw
   * events.
   *
   * @param filter null, or a filter on a dimension other than a custom prop
   */
  /** Returns the counters of the days held. */
  CacheCounts cacheCounts() {
    return CaffeineCounts.of(days);
  }

  Day count(RollupDay day, Filter filter) {
    return live(day).count(filter);
  }

  /**
   * Reads the day in, or brings it up to date, so that the next count finds it held with little
   * new to read. A day not held is left alone while the days held weigh half the most events or
   * more, so that keeping days for views to come does not push out days being viewed.
   */
  void keep(RollupDay day) {
    long held = days.policy().eviction().orElseThrow().weightedSize().orElse(0);
    if (days.getIfPresent(day) == null && held >= maxEvents / 2) {
      return;
    }
    upToDate(day, events -> null);
  }

  /**
   * Counts the distinct visitors of the day's and the day before's events with {@code from <=
   * timestamp < to}, brought up to date as for {@link #count}.
   *
   * @throws IllegalArgumentException if {@code from} is before the day before or {@code to} after
   *     the day
   */
  long visitors(RollupDay day, Instant from, Instant to) {
    return upToDate(day, events -> events.visitors(from, to));
  }

  /**
   * Counts the pageviews of the day's and the day before's events with {@code from <= timestamp <
   * to} by bucket key, brought up to date as for {@link #count}.
   *
   * @throws IllegalArgumentException if {@code from} is before the day before or {@code to} after
   *     the day
   */
  Map<Long, Long> pageviews(RollupDay day, Instant from, Instant to, TimeBuckets buckets) {
    return upToDate(day, events -> events.pageviews(from, to, buckets));
  }

  /**
   * Returns the rows each of these visitors is counted in on the day, as {@link
   * DayAggregator#visitorRows}, brought up to date as for {@link #count}.
   */
  Map<Long, List<DayAggregator.VisitorRow>> visitorRows(RollupDay day,
      Collection<Long> visitorIds) {
    return upToDate(day, events -> events.visitorRows(visitorIds));
  }

  /** Brings the day held up to date, then reads its events, holding its lock. */
  private <T> T upToDate(RollupDay day, Function<DayAggregator, T> read) {
    LiveDay live = live(day);
    synchronized (live) {
      live.bringUpToDate();
      return read.apply(live.events);
    }
  }

  /** Returns the day as held, read again first if events were edited since it was read. */
  private LiveDay live(RollupDay day) {
    LiveDay live = days.get(day);
    if (live.edits != edits.getAsLong()) {
      days.asMap().remove(day, live);
      live = days.get(day);
    }
    return live;
  }

  /**
   * One day counted from raw events.
   *
   * @param rows by dimension key ({@link RollupStore#TOTAL} for all), the counts by value
   * @param recurringVisitors the ids of the day's {@linkplain RollupStore#recurringVisitors
   *     recurring visitors}
   */
  record Day(Map<String, Map<String, DayCounts>> rows, Set<Long> recurringVisitors) {}

  /** A day's events as read so far, and its counts since the last change. */
  private final class LiveDay {
    private final RollupDay day;
    private final long edits;
    private final DayAggregator events;
    private final Map<Filter, Day> counts = new HashMap<>();
    /** How many events were read when the day was loaded, its weight in the cache. */
    private final int size;
    private long readUpTo;
    private long writesAtRead;
    private long readAt;
    private final Set<Long> recurringVisitors = new HashSet<>();
    private int checkedVisitors;

    LiveDay(RollupDay day) {
      this.day = day;
      this.edits = RawDays.this.edits.getAsLong();
      this.events = new DayAggregator(day);
      writesAtRead = writes.getAsLong();
      readAt = ticker.read();
      int[] read = {0};
      // A first read that fails leaves no day behind, so events are added as they come.
      readUpTo = store.forEachEvent(day, 0, (event, session) -> {
        events.add(event, session);
        read[0]++;
      });
      this.size = read[0];
      checkNewVisitors(); // the sessions came with the events
    }

    synchronized Day count(Filter filter) {
      bringUpToDate();
      if (counts.size() >= MAX_COUNTS) {
        counts.clear();
      }
      return counts.computeIfAbsent(filter, f -> new Day(events.rows(f),
          Set.copyOf(recurringVisitors)));
    }

    /**
     * Reads what is new if this instance wrote anything since the last read or {@link #RECHECK}
     * has passed, and forgets the counts if anything changed. Call it holding the day's lock.
     */
    void bringUpToDate() {
      if (writes.getAsLong() != writesAtRead || ticker.read() - readAt >= RECHECK.toNanos()) {
        long changes = events.changes();
        int recurring = recurringVisitors.size(); // the ids only grow
        try {
          read();
        } finally {
          // Also when the sessions or visitors failed to be read after new events were added.
          if (events.changes() != changes || recurringVisitors.size() != recurring) {
            counts.clear();
          }
        }
      }
    }

    /**
     * Reads the events stored since the last read, then the open sessions and the new visitors. The
     * events are added once all are read, so that a read that fails leaves the day as it was, to be
     * read from the same place next time.
     */
    private void read() {
      long writesBefore = writes.getAsLong();
      long startedAt = ticker.read();
      List<Event> read = new ArrayList<>();
      List<Session> readSessions = new ArrayList<>();
      long upTo = store.forEachEvent(day, readUpTo, (event, session) -> {
        read.add(event);
        readSessions.add(session);
      });
      for (int i = 0; i < read.size(); i++) {
        events.add(read.get(i), readSessions.get(i));
      }
      readUpTo = upTo;
      writesAtRead = writesBefore;
      readAt = startedAt;
      sessions.findAll(events.openSessions()).forEach(events::update);
      checkNewVisitors();
    }

    private void checkNewVisitors() {
      List<Long> visitors = events.visitorsOnTheDay();
      if (visitors.size() > checkedVisitors) {
        recurringVisitors.addAll(store.recurringVisitors(day,
            visitors.subList(checkedVisitors, visitors.size())));
        checkedVisitors = visitors.size();
      }
    }
  }
}
