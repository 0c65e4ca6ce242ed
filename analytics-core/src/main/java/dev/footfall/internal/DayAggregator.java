package dev.footfall.internal;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Counts one day, in total and by each {@linkplain RollupStore#dimensions() rollup dimension}, from
 * the events of the day and of the day before (which tell what {@link DayCounts} calls continued).
 * Events can be added and sessions replaced at any time, and the day counted again, with or without
 * a filter, without reading the events again: each event is kept as a few numbers (its session,
 * and the number of its value in each event dimension), about 40 bytes an event. A session's
 * events are taken to share one visitor, as Footfall's do. Not thread-safe.
 */
public final class DayAggregator {
  private static final List<Dimension> EVENT_DIMENSIONS = RollupStore.dimensions().stream()
      .filter(dimension -> !dimension.kind().ofVisit()).toList();
  private static final List<Dimension> VISIT_DIMENSIONS = RollupStore.dimensions().stream()
      .filter(dimension -> dimension.kind().ofVisit()).toList();
  private static final int INITIAL_CAPACITY = 256;
  private static final byte ON_THE_DAY = 1;
  private static final byte PAGEVIEW = 2;

  private final Instant dayStart;
  private final Map<Dimension, Values> values = new HashMap<>();

  private int size;
  private int[] sessionOf = new int[INITIAL_CAPACITY];
  private byte[] flags = new byte[INITIAL_CAPACITY];
  /** By event dimension, each event's value number. */
  private final int[][] eventValues = new int[EVENT_DIMENSIONS.size()][INITIAL_CAPACITY];

  private final Map<Long, Integer> sessionNumbers = new HashMap<>();
  private final List<Long> sessionIds = new ArrayList<>();
  /** By session number, whether it has a stored session. */
  private final BitSet stored = new BitSet();
  /** By session number, whether it is not stored or not ended (whether it may change). */
  private final BitSet open = new BitSet();
  /** By session number, the number of the visitor of its first event. */
  private int[] visitorOf = new int[INITIAL_CAPACITY];
  /** By visit dimension, each session's value number (kept when its session is unknown). */
  private final int[][] visitValues = new int[VISIT_DIMENSIONS.size()][INITIAL_CAPACITY];
  /** By session number, its sums: sessions, pageviews, bounces and duration; see addSession. */
  private long[][] sessionSums = new long[INITIAL_CAPACITY][];

  private final Map<Long, Integer> visitorNumbers = new HashMap<>();
  private final List<Long> visitorsOnTheDay = new ArrayList<>();
  /** By visitor number, whether it has events on the day. */
  private final BitSet seenOnTheDay = new BitSet();

  /** Starts counting the day. */
  public DayAggregator(RollupDay day) {
    this.dayStart = day.start();
    RollupStore.dimensions().forEach(dimension -> values.put(dimension, new Values()));
  }

  /**
   * Adds an event of the day or of the day before, with its stored session (null if it is not
   * stored), which replaces the one held for the event's session.
   */
  public void add(Event event, Session session) {
    if (size == sessionOf.length) {
      sessionOf = Arrays.copyOf(sessionOf, size * 2);
      flags = Arrays.copyOf(flags, size * 2);
      for (int d = 0; d < eventValues.length; d++) {
        eventValues[d] = Arrays.copyOf(eventValues[d], size * 2);
      }
    }
    int visitor = visitorNumbers.computeIfAbsent(event.visitorId(), id -> visitorNumbers.size());
    int number = sessionNumbers.computeIfAbsent(event.sessionId(), id -> {
      int added = sessionIds.size();
      sessionIds.add(id);
      if (added == visitorOf.length) {
        visitorOf = Arrays.copyOf(visitorOf, added * 2);
        sessionSums = Arrays.copyOf(sessionSums, added * 2);
        for (int d = 0; d < visitValues.length; d++) {
          visitValues[d] = Arrays.copyOf(visitValues[d], added * 2);
        }
      }
      visitorOf[added] = visitor;
      open.set(added);
      return added;
    });
    if (session != null) {
      setSession(number, session);
    }
    boolean onTheDay = !event.timestamp().isBefore(dayStart);
    if (onTheDay && !seenOnTheDay.get(visitor)) {
      seenOnTheDay.set(visitor);
      visitorsOnTheDay.add(event.visitorId());
    }
    sessionOf[size] = number;
    flags[size] = (byte) ((onTheDay ? ON_THE_DAY : 0)
        | (event.type() == EventType.PAGEVIEW ? PAGEVIEW : 0));
    for (int d = 0; d < eventValues.length; d++) {
      Dimension dimension = EVENT_DIMENSIONS.get(d);
      eventValues[d][size] = values.get(dimension).number(dimension.valueOf(event, session));
    }
    size++;
  }

  /** Replaces the session held for its id, if an added event has that session. */
  public void update(Session session) {
    Integer number = sessionNumbers.get(session.sessionId());
    if (number != null) {
      setSession(number, session);
    }
  }

  /** Holds what counts need of a stored session: its visit values and sums. */
  private void setSession(int number, Session session) {
    stored.set(number);
    open.set(number, session.endedAt().isEmpty());
    for (int d = 0; d < visitValues.length; d++) {
      Dimension dimension = VISIT_DIMENSIONS.get(d);
      visitValues[d][number] = values.get(dimension).number(dimension.valueOf(session));
    }
    long[] sums = new long[4];
    addSession(sums, session);
    sessionSums[number] = sums;
  }

  /** Returns the ids of the added events' sessions that are not stored or not ended. */
  public List<Long> openSessions() {
    return open.stream().mapToObj(sessionIds::get).toList();
  }

  /**
   * Returns the ids of the visitors with events on the day, in the order they were added (a view
   * that grows with later additions).
   */
  public List<Long> visitorsOnTheDay() {
    return Collections.unmodifiableList(visitorsOnTheDay);
  }

  /**
   * Counts the events of the day that pass the filter (all if null), by dimension key ({@link
   * RollupStore#TOTAL} for the total, whose one row is {@code ""}) and value, with the sessions as
   * they are now; only rows with events on the day are returned.
   *
   * @param filter null, or a filter on a dimension other than a custom prop
   */
  public Map<String, Map<String, DayCounts>> rows(Filter filter) {
    return new Count(filter).rows();
  }

  /** Returns the session sums of the stored sessions among these ids. */
  public static Counts.Builder sessionSums(Set<Long> ids, Function<Long, Session> sessions) {
    Counts.Builder sums = Counts.builder();
    long[] sum = new long[4];
    for (long id : ids) {
      addSession(sum, sessions.apply(id));
    }
    return sums.sessions(sum[0]).sessionPageviews(sum[1]).bounces(sum[2]).durationSeconds(sum[3]);
  }

  /** Returns the sums with a session's added (a new array if the sums are null). */
  private static long[] plus(long[] sums, long[] session) {
    long[] result = sums == null ? new long[4] : sums;
    if (session != null) {
      for (int i = 0; i < result.length; i++) {
        result[i] += session[i];
      }
    }
    return result;
  }

  /** Adds a stored session (none if null) to sums of sessions, pageviews, bounces and duration. */
  private static void addSession(long[] sums, Session session) {
    if (session != null) {
      sums[0]++;
      sums[1] += session.pageviews();
      sums[2] += session.bounce() ? 1 : 0;
      sums[3] += session.bounce() ? 0 : session.durationSeconds();
    }
  }

  /**
   * One count. Events are taken visitor by visitor and, within a visitor, session by session, so
   * that whether a row has had the visitor or session yet is one mark per row, not a set.
   */
  private final class Count {
    /** Where each dimension's rows start; the total is row 0. */
    private final Map<Dimension, Integer> firstRow = new HashMap<>();
    private final int[] eventFirstRow = new int[EVENT_DIMENSIONS.size()];
    private final int[] visitFirstRow = new int[VISIT_DIMENSIONS.size()];
    /** By value number of the filter's dimension, whether it passes; null without a filter. */
    private final boolean[] passing;
    /** The filter's dimension's index in the event or visit dimensions, or -1. */
    private final int filteredEventDimension;
    private final int filteredVisitDimension;
    private final int rowCount;

    Count(Filter filter) {
      int rows = 1;
      for (Dimension dimension : RollupStore.dimensions()) {
        firstRow.put(dimension, rows);
        rows += values.get(dimension).size();
      }
      rowCount = rows;
      for (int d = 0; d < eventFirstRow.length; d++) {
        eventFirstRow[d] = firstRow.get(EVENT_DIMENSIONS.get(d));
      }
      for (int d = 0; d < visitFirstRow.length; d++) {
        visitFirstRow[d] = firstRow.get(VISIT_DIMENSIONS.get(d));
      }
      filteredEventDimension = filter == null ? -1 : EVENT_DIMENSIONS.indexOf(filter.dimension());
      filteredVisitDimension = filter == null ? -1 : VISIT_DIMENSIONS.indexOf(filter.dimension());
      if (filter == null) {
        passing = null;
      } else {
        Values filtered = values.get(filter.dimension());
        if (filtered == null) {
          throw new IllegalArgumentException("rollups cannot filter on " + filter.dimension());
        }
        passing = new boolean[filtered.size()];
        for (int n = 0; n < passing.length; n++) {
          passing[n] = filter.test(filtered.value(n));
        }
      }
    }

    Map<String, Map<String, DayCounts>> rows() {
      long[] events = new long[rowCount];
      long[] pageviews = new long[rowCount];
      long[] visitors = new long[rowCount];
      long[] visits = new long[rowCount];
      long[] continuedVisitors = new long[rowCount];
      long[] continuedVisits = new long[rowCount];
      long[][] sums = new long[rowCount][];
      long[][] continuedSums = new long[rowCount][];
      int[] visitorMark = marks();
      int[] visitorBeforeMark = marks();
      int[] sessionMark = marks();
      int[] sessionBeforeMark = marks();
      int[] rows = new int[1 + eventFirstRow.length + visitFirstRow.length];
      int[][] bySession = group(sessionOf, size, sessionIds.size());
      int[][] byVisitor = group(visitorOf, sessionIds.size(), visitorNumbers.size());
      // Visitors of the day before only (most, as visitor ids change daily) add nothing.
      for (int v = seenOnTheDay.nextSetBit(0); v >= 0; v = seenOnTheDay.nextSetBit(v + 1)) {
        for (int s : byVisitor[v]) {
          for (int e : bySession[s]) {
            if ((flags[e] & ON_THE_DAY) == 0 && passes(e, s)) {
              mark(visitorBeforeMark, rows, rowsOf(e, s, rows), v);
            }
          }
        }
        for (int s : byVisitor[v]) {
          for (int e : bySession[s]) {
            if ((flags[e] & ON_THE_DAY) == 0 && passes(e, s)) {
              mark(sessionBeforeMark, rows, rowsOf(e, s, rows), s);
            }
          }
          long[] session = sessionSums[s];
          for (int e : bySession[s]) {
            if ((flags[e] & ON_THE_DAY) == 0 || !passes(e, s)) {
              continue;
            }
            int count = rowsOf(e, s, rows);
            for (int i = 0; i < count; i++) {
              int row = rows[i];
              events[row]++;
              pageviews[row] += (flags[e] & PAGEVIEW) != 0 ? 1 : 0;
              if (sessionMark[row] != s) {
                sessionMark[row] = s;
                visits[row]++;
                sums[row] = plus(sums[row], session);
                if (sessionBeforeMark[row] == s) {
                  continuedVisits[row]++;
                  continuedSums[row] = plus(continuedSums[row], session);
                }
              }
              if (visitorMark[row] != v) {
                visitorMark[row] = v;
                visitors[row]++;
                if (visitorBeforeMark[row] == v) {
                  continuedVisitors[row]++;
                }
              }
            }
          }
        }
      }
      Map<String, Map<String, DayCounts>> result = new HashMap<>();
      result.put(RollupStore.TOTAL, new HashMap<>());
      for (Dimension dimension : RollupStore.dimensions()) {
        result.put(dimension.key(), new HashMap<>());
      }
      for (Map.Entry<Dimension, Integer> first : firstRow.entrySet()) {
        Values numbered = values.get(first.getKey());
        for (int n = 0; n < numbered.size(); n++) {
          int row = first.getValue() + n;
          if (visitors[row] > 0) {
            result.get(first.getKey().key()).put(numbered.value(n), dayCounts(row, events, pageviews,
                visitors, visits, continuedVisitors, continuedVisits, sums, continuedSums));
          }
        }
      }
      if (visitors[0] > 0) {
        result.get(RollupStore.TOTAL).put("", dayCounts(0, events, pageviews, visitors, visits,
            continuedVisitors, continuedVisits, sums, continuedSums));
      }
      return result;
    }

    private DayCounts dayCounts(int row, long[] events, long[] pageviews, long[] visitors,
        long[] visits, long[] continuedVisitors, long[] continuedVisits, long[][] sums,
        long[][] continuedSums) {
      Counts counts = withSums(sums[row]).visitors(visitors[row]).pageviews(pageviews[row])
          .events(events[row]).visits(visits[row]).build();
      Counts continued = withSums(continuedSums[row]).visitors(continuedVisitors[row])
          .visits(continuedVisits[row]).build();
      return new DayCounts(counts, continued);
    }

    private Counts.Builder withSums(long[] sums) {
      Counts.Builder builder = Counts.builder();
      return sums == null ? builder : builder.sessions(sums[0]).sessionPageviews(sums[1])
          .bounces(sums[2]).durationSeconds(sums[3]);
    }

    /** Puts the rows of event {@code e} of session {@code s} in {@code rows}; returns how many. */
    private int rowsOf(int e, int s, int[] rows) {
      int count = 0;
      rows[count++] = 0;
      for (int d = 0; d < eventFirstRow.length; d++) {
        rows[count++] = eventFirstRow[d] + eventValues[d][e];
      }
      if (stored.get(s)) {
        for (int d = 0; d < visitFirstRow.length; d++) {
          rows[count++] = visitFirstRow[d] + visitValues[d][s];
        }
      }
      return count;
    }

    private boolean passes(int e, int s) {
      if (passing == null) {
        return true;
      }
      if (filteredEventDimension >= 0) {
        return passing[eventValues[filteredEventDimension][e]];
      }
      return stored.get(s) && passing[visitValues[filteredVisitDimension][s]];
    }

    private int[] marks() {
      int[] marks = new int[rowCount];
      Arrays.fill(marks, -1);
      return marks;
    }
  }

  private static void mark(int[] marks, int[] rows, int count, int mark) {
    for (int i = 0; i < count; i++) {
      marks[rows[i]] = mark;
    }
  }

  /**
   * Groups the numbers {@code 0..size-1} by their owner {@code ownerOf[i]}: returns, by owner,
   * the numbers it owns in ascending order.
   */
  private static int[][] group(int[] ownerOf, int size, int owners) {
    int[] counts = new int[owners];
    for (int i = 0; i < size; i++) {
      counts[ownerOf[i]]++;
    }
    int[][] groups = new int[owners][];
    for (int o = 0; o < owners; o++) {
      groups[o] = new int[counts[o]];
      counts[o] = 0;
    }
    for (int i = 0; i < size; i++) {
      int owner = ownerOf[i];
      groups[owner][counts[owner]++] = i;
    }
    return groups;
  }

  /** The values of one dimension, numbered in the order they were first seen. */
  private static final class Values {
    private final Map<String, Integer> numbers = new HashMap<>();
    private final List<String> byNumber = new ArrayList<>();

    int number(String value) {
      return numbers.computeIfAbsent(value, v -> {
        byNumber.add(v);
        return byNumber.size() - 1;
      });
    }

    String value(int number) {
      return byNumber.get(number);
    }

    int size() {
      return byNumber.size();
    }
  }
}
