package dev.footfall.internal.report;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.TimeBuckets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
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
 * a filter, without reading the events again: each event is kept as a few numbers (its visitor, its
 * session, its time, the number of its value in each event dimension), each session as its visit
 * values and sums; about 100 bytes an event in all. The visitors and pageviews of any stretch of
 * the two days (the last minutes, for a realtime view) are counted from the same numbers. Not
 * thread-safe.
 */
public final class DayAggregator {
  private static final List<Dimension> EVENT_DIMENSIONS = RollupStore.dimensions().stream()
      .filter(dimension -> !dimension.kind().ofVisit()).toList();
  private static final List<Dimension> VISIT_DIMENSIONS = RollupStore.dimensions().stream()
      .filter(dimension -> dimension.kind().ofVisit()).toList();
  private static final int INITIAL_CAPACITY = 256;
  private static final byte ON_THE_DAY = 1;
  private static final byte PAGEVIEW = 2;

  private final RollupDay day;
  private final Instant dayStart;
  private final Map<Dimension, Values> values = new HashMap<>();
  private long changes;

  private int size;
  private int[] visitorOf = new int[INITIAL_CAPACITY];
  private int[] sessionOf = new int[INITIAL_CAPACITY];
  private byte[] flags = new byte[INITIAL_CAPACITY];
  /** By event, its timestamp in nanoseconds from the day's start (negative the day before). */
  private long[] nanosOf = new long[INITIAL_CAPACITY];
  /** By event dimension, each event's value number. */
  private final int[][] eventValues = new int[EVENT_DIMENSIONS.size()][INITIAL_CAPACITY];

  private final Map<Long, Integer> sessionNumbers = new HashMap<>();
  private final List<Long> sessionIds = new ArrayList<>();
  /** By session number, whether it has a stored session. */
  private final BitSet stored = new BitSet();
  /** By session number, whether it is not stored or not ended (whether it may change). */
  private final BitSet open = new BitSet();
  /** By visit dimension, each stored session's value number. */
  private final int[][] visitValues = new int[VISIT_DIMENSIONS.size()][INITIAL_CAPACITY];
  /** By session number, the stored session's sums, as {@link #sums} makes them. */
  private long[][] sessionSums = new long[INITIAL_CAPACITY][];

  private final Map<Long, Integer> visitorNumbers = new HashMap<>();
  private final List<Long> visitorsOnTheDay = new ArrayList<>();
  /** By visitor number, whether it has events on the day. */
  private final BitSet seenOnTheDay = new BitSet();

  /** Starts counting the day. */
  public DayAggregator(RollupDay day) {
    this.day = day;
    this.dayStart = day.start();
    RollupStore.dimensions().forEach(dimension -> values.put(dimension, new Values()));
  }

  /**
   * Adds an event of the day or of the day before (an event added twice counts twice), with its
   * stored session, which then replaces the one held for the event's session; null if the session
   * is not stored, which leaves the one held, if any.
   */
  public void add(Event event, Session session) {
    if (size == sessionOf.length) {
      visitorOf = Arrays.copyOf(visitorOf, size * 2);
      sessionOf = Arrays.copyOf(sessionOf, size * 2);
      flags = Arrays.copyOf(flags, size * 2);
      nanosOf = Arrays.copyOf(nanosOf, size * 2);
      for (int d = 0; d < eventValues.length; d++) {
        eventValues[d] = Arrays.copyOf(eventValues[d], size * 2);
      }
    }
    int visitor = visitorNumbers.computeIfAbsent(event.visitorId(), id -> visitorNumbers.size());
    int number = sessionNumbers.computeIfAbsent(event.sessionId(), id -> {
      int added = sessionIds.size();
      sessionIds.add(id);
      if (added == sessionSums.length) {
        sessionSums = Arrays.copyOf(sessionSums, added * 2);
        for (int d = 0; d < visitValues.length; d++) {
          visitValues[d] = Arrays.copyOf(visitValues[d], added * 2);
        }
      }
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
    visitorOf[size] = visitor;
    sessionOf[size] = number;
    nanosOf[size] = nanosFromStart(event.timestamp());
    flags[size] = (byte) ((onTheDay ? ON_THE_DAY : 0)
        | (event.type() == EventType.PAGEVIEW ? PAGEVIEW : 0));
    for (int d = 0; d < eventValues.length; d++) {
      Dimension dimension = EVENT_DIMENSIONS.get(d);
      eventValues[d][size] = values.get(dimension).number(dimension.valueOf(event, session));
    }
    size++;
    changes++;
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
    long[] sums = sums(session);
    boolean changed = !stored.get(number) || !Arrays.equals(sums, sessionSums[number]);
    for (int d = 0; d < visitValues.length; d++) {
      Dimension dimension = VISIT_DIMENSIONS.get(d);
      int value = values.get(dimension).number(dimension.valueOf(session));
      changed |= visitValues[d][number] != value;
      visitValues[d][number] = value;
    }
    stored.set(number);
    open.set(number, session.endedAt().isEmpty());
    sessionSums[number] = sums;
    changes += changed ? 1 : 0;
  }

  /** Returns a number that grows whenever an event is added or a session's counts change. */
  public long changes() {
    return changes;
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
   * they are now; only rows with events on the day are returned. A visit dimension's rows, and a
   * filter on one, take only events whose session is stored.
   *
   * @param filter null, or a filter on a dimension other than a custom prop
   * @throws IllegalArgumentException if the filter is on a custom prop
   */
  public Map<String, Map<String, DayCounts>> rows(Filter filter) {
    return new Count(filter, null, null).rows();
  }

  /**
   * Returns, for each of these visitors with events on the day, the rows that {@link #rows} without
   * a filter counts it in, each with whether it is continued there (whether it had an event of the
   * row on the day before): what those rows' visitors and continued visitors are made of, visitor
   * by visitor.
   */
  public Map<Long, List<VisitorRow>> visitorRows(Collection<Long> visitorIds) {
    Map<Integer, Long> wanted = new HashMap<>();
    for (long id : visitorIds) {
      Integer number = visitorNumbers.get(id);
      if (number != null && seenOnTheDay.get(number)) {
        wanted.put(number, id);
      }
    }
    Map<Long, List<VisitorRow>> rows = new HashMap<>();
    if (!wanted.isEmpty()) {
      new Count(null, (visitor, row) -> rows.computeIfAbsent(wanted.get(visitor),
          id -> new ArrayList<>()).add(row), wanted.keySet()).rows();
    }
    return rows;
  }

  /**
   * A row a visitor is counted in on the day.
   *
   * @param dimension the dimension key ({@link RollupStore#TOTAL} for the total)
   * @param value the value ({@code ""} for the total)
   * @param continued whether the visitor had an event of the row on the day before
   */
  public record VisitorRow(String dimension, String value, boolean continued) {}

  /** Takes the rows a visitor is counted in, as a count finds them. */
  @FunctionalInterface
  private interface RowsOfVisitors {
    void counted(int visitor, VisitorRow row);
  }

  /**
   * Counts the distinct visitors of the added events with {@code from <= timestamp < to}.
   *
   * @throws IllegalArgumentException if {@code from} is before the day before or {@code to} after
   *     the day
   */
  public long visitors(Instant from, Instant to) {
    long first = nanosFromStart(within(from));
    long end = nanosFromStart(within(to));
    BitSet seen = new BitSet(visitorNumbers.size());
    for (int e = 0; e < size; e++) {
      if (nanosOf[e] >= first && nanosOf[e] < end) {
        seen.set(visitorOf[e]);
      }
    }
    return seen.cardinality();
  }

  /**
   * Counts the pageviews among the added events with {@code from <= timestamp < to}, by
   * {@linkplain TimeBuckets#keyOf bucket key}; buckets without pageviews are left out.
   *
   * @throws IllegalArgumentException if {@code from} is before the day before or {@code to} after
   *     the day
   */
  public Map<Long, Long> pageviews(Instant from, Instant to, TimeBuckets buckets) {
    long first = nanosFromStart(within(from));
    long end = nanosFromStart(within(to));
    Map<Long, Long> pageviews = new HashMap<>();
    for (int e = 0; e < size; e++) {
      if ((flags[e] & PAGEVIEW) != 0 && nanosOf[e] >= first && nanosOf[e] < end) {
        pageviews.merge(buckets.keyOf(dayStart.plusNanos(nanosOf[e])), 1L, Long::sum);
      }
    }
    return pageviews;
  }

  private Instant within(Instant instant) {
    if (instant.isBefore(day.previousStart()) || instant.isAfter(day.end())) {
      throw new IllegalArgumentException("instant must be within the day before and the day ("
          + day.previousStart() + " to " + day.end() + ") but was " + instant);
    }
    return instant;
  }

  private long nanosFromStart(Instant instant) {
    return (instant.getEpochSecond() - dayStart.getEpochSecond()) * 1_000_000_000L
        + instant.getNano() - dayStart.getNano();
  }

  /** Returns the session sums of the stored sessions among these ids. */
  public static Counts.Builder sessionSums(Set<Long> ids, Function<Long, Session> sessions) {
    long[] total = new long[4];
    for (long id : ids) {
      Session session = sessions.apply(id);
      if (session != null) {
        plus(total, sums(session));
      }
    }
    return withSums(Counts.builder(), total);
  }

  /** Returns a session's sums: 1 session, its pageviews, 1 if a bounce, its duration if not. */
  private static long[] sums(Session session) {
    return new long[] {1, session.pageviews(), session.bounce() ? 1 : 0,
        session.bounce() ? 0 : session.durationSeconds()};
  }

  /** Adds a session's sums (none if null) to these sums; returns them (new ones if null). */
  private static long[] plus(long[] sums, long[] session) {
    long[] result = sums == null ? new long[4] : sums;
    if (session != null) {
      for (int i = 0; i < result.length; i++) {
        result[i] += session[i];
      }
    }
    return result;
  }

  private static Counts.Builder withSums(Counts.Builder builder, long[] sums) {
    return sums == null ? builder : builder.sessions(sums[0]).sessionPageviews(sums[1])
        .bounces(sums[2]).durationSeconds(sums[3]);
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
    /** Where the visitors' rows go, or null. */
    private final RowsOfVisitors rowsOfVisitors;
    /** The visitors to count, or null for all. */
    private final Set<Integer> only;
    /** By row, its dimension key and value, once {@link #visitorRow} needs them. */
    private String[] rowDimensions;
    private String[] rowValues;

    Count(Filter filter, RowsOfVisitors rowsOfVisitors, Set<Integer> only) {
      this.rowsOfVisitors = rowsOfVisitors;
      this.only = only;
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
          throw new IllegalArgumentException("filter dimension must not be a custom prop but was "
              + filter.dimension());
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
      // The events by visitor, and by session within a visitor.
      int[] order = sortedBy(visitorOf, visitorNumbers.size(),
          sortedBy(sessionOf, sessionIds.size(), null));
      for (int start = 0, end; start < size; start = end) {
        int v = visitorOf[order[start]];
        end = start;
        while (end < size && visitorOf[order[end]] == v) {
          end++;
        }
        if (!seenOnTheDay.get(v) || only != null && !only.contains(v)) {
          continue; // a visitor of the day before only (most, as visitor ids change daily)
        }
        for (int i = start; i < end; i++) {
          int e = order[i];
          if ((flags[e] & ON_THE_DAY) == 0 && passes(e)) {
            mark(visitorBeforeMark, rows, rowsOf(e, rows), v);
          }
        }
        for (int first = start, last; first < end; first = last) {
          int s = sessionOf[order[first]];
          last = first;
          while (last < end && sessionOf[order[last]] == s) {
            last++;
          }
          for (int i = first; i < last; i++) {
            int e = order[i];
            if ((flags[e] & ON_THE_DAY) == 0 && passes(e)) {
              mark(sessionBeforeMark, rows, rowsOf(e, rows), s);
            }
          }
          long[] session = stored.get(s) ? sessionSums[s] : null;
          for (int i = first; i < last; i++) {
            int e = order[i];
            if ((flags[e] & ON_THE_DAY) == 0 || !passes(e)) {
              continue;
            }
            int count = rowsOf(e, rows);
            for (int r = 0; r < count; r++) {
              int row = rows[r];
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
                boolean continued = visitorBeforeMark[row] == v;
                if (continued) {
                  continuedVisitors[row]++;
                }
                if (rowsOfVisitors != null) {
                  rowsOfVisitors.counted(v, visitorRow(row, continued));
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
            result.get(first.getKey().key()).put(numbered.value(n), dayCounts(row, events,
                pageviews, visitors, visits, continuedVisitors, continuedVisits, sums,
                continuedSums));
          }
        }
      }
      if (visitors[0] > 0) {
        result.get(RollupStore.TOTAL).put("", dayCounts(0, events, pageviews, visitors, visits,
            continuedVisitors, continuedVisits, sums, continuedSums));
      }
      return result;
    }

    private VisitorRow visitorRow(int row, boolean continued) {
      if (rowDimensions == null) {
        rowDimensions = new String[rowCount];
        rowValues = new String[rowCount];
        rowDimensions[0] = RollupStore.TOTAL;
        rowValues[0] = "";
        for (Map.Entry<Dimension, Integer> first : firstRow.entrySet()) {
          Values numbered = values.get(first.getKey());
          for (int n = 0; n < numbered.size(); n++) {
            rowDimensions[first.getValue() + n] = first.getKey().key();
            rowValues[first.getValue() + n] = numbered.value(n);
          }
        }
      }
      return new VisitorRow(rowDimensions[row], rowValues[row], continued);
    }

    private DayCounts dayCounts(int row, long[] events, long[] pageviews, long[] visitors,
        long[] visits, long[] continuedVisitors, long[] continuedVisits, long[][] sums,
        long[][] continuedSums) {
      Counts counts = withSums(Counts.builder(), sums[row]).visitors(visitors[row])
          .pageviews(pageviews[row]).events(events[row]).visits(visits[row]).build();
      Counts continued = withSums(Counts.builder(), continuedSums[row])
          .visitors(continuedVisitors[row]).visits(continuedVisits[row]).build();
      return new DayCounts(counts, continued);
    }

    /** Puts the rows of event {@code e} in {@code rows}; returns how many. */
    private int rowsOf(int e, int[] rows) {
      int count = 0;
      rows[count++] = 0;
      for (int d = 0; d < eventFirstRow.length; d++) {
        rows[count++] = eventFirstRow[d] + eventValues[d][e];
      }
      int s = sessionOf[e];
      if (stored.get(s)) {
        for (int d = 0; d < visitFirstRow.length; d++) {
          rows[count++] = visitFirstRow[d] + visitValues[d][s];
        }
      }
      return count;
    }

    private boolean passes(int e) {
      if (passing == null) {
        return true;
      }
      if (filteredEventDimension >= 0) {
        return passing[eventValues[filteredEventDimension][e]];
      }
      int s = sessionOf[e];
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
   * Returns the events of {@code order} (all, in added order, if null) sorted by their key
   * {@code keyOf[event]} in {@code 0..keys-1}, keeping their order among equal keys (a counting
   * sort).
   */
  private int[] sortedBy(int[] keyOf, int keys, int[] order) {
    int[] starts = new int[keys + 1];
    for (int e = 0; e < size; e++) {
      starts[keyOf[e] + 1]++;
    }
    for (int k = 0; k < keys; k++) {
      starts[k + 1] += starts[k];
    }
    int[] sorted = new int[size];
    for (int i = 0; i < size; i++) {
      int e = order == null ? i : order[i];
      sorted[starts[keyOf[e]]++] = e;
    }
    return sorted;
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
