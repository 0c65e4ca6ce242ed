package dev.footfall.internal;

import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Session;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Counts one day in a single pass over its events and the day before's: each event is added to
 * the total and to the row of its value in each dimension, remembering which visitors and sessions
 * each row had on the day and on the day before (see {@link DayCounts}). Not thread-safe; one per
 * day.
 */
public final class DayAggregator {
  private final RollupDay day;
  private final List<Dimension> dimensions;
  /** By dimension key ({@link RollupStore#TOTAL} first), the rows by value. */
  private final Map<String, Map<String, Row>> rows = new HashMap<>();
  private final Map<Long, Session> sessions = new HashMap<>();

  /** Starts counting the day in total and by each of the dimensions. */
  public DayAggregator(RollupDay day, List<Dimension> dimensions) {
    this.day = day;
    this.dimensions = List.copyOf(dimensions);
  }

  /** Adds an event of the day or of the day before, with its stored session (or null). */
  public void add(Event event, Session session) {
    boolean onTheDay = !event.timestamp().isBefore(day.start());
    if (session != null) {
      sessions.put(session.sessionId(), session);
    }
    row(RollupStore.TOTAL, "").add(event, onTheDay);
    for (Dimension dimension : dimensions) {
      String value = dimension.valueOf(event, session);
      if (value != null) {
        row(dimension.key(), value).add(event, onTheDay);
      }
    }
  }

  /**
   * Returns the rows with events on the day, by dimension key ({@link RollupStore#TOTAL} for the
   * total, whose one row is {@code ""}) and value.
   */
  public Map<String, Map<String, DayCounts>> rows() {
    Map<String, Map<String, DayCounts>> counts = new HashMap<>();
    counts.put(RollupStore.TOTAL, new HashMap<>());
    dimensions.forEach(dimension -> counts.put(dimension.key(), new HashMap<>()));
    rows.forEach((dimension, byValue) -> byValue.forEach((value, row) -> {
      if (!row.visitors.isEmpty()) {
        counts.get(dimension).put(value, row.counts());
      }
    }));
    return counts;
  }

  private Row row(String dimension, String value) {
    return rows.computeIfAbsent(dimension, d -> new HashMap<>())
        .computeIfAbsent(value, v -> new Row());
  }

  /** One row's events of the day, and which of its visitors and sessions the day before had. */
  private final class Row {
    final Set<Long> visitors = new HashSet<>();
    final Set<Long> visitorsBefore = new HashSet<>();
    final Set<Long> sessionIds = new HashSet<>();
    final Set<Long> sessionsBefore = new HashSet<>();
    long pageviews;
    long events;

    void add(Event event, boolean onTheDay) {
      if (!onTheDay) {
        visitorsBefore.add(event.visitorId());
        sessionsBefore.add(event.sessionId());
        return;
      }
      visitors.add(event.visitorId());
      sessionIds.add(event.sessionId());
      events++;
      if (event.type() == EventType.PAGEVIEW) {
        pageviews++;
      }
    }

    DayCounts counts() {
      Set<Long> continuedVisitors = new HashSet<>(visitors);
      continuedVisitors.retainAll(visitorsBefore);
      Set<Long> continuedSessions = new HashSet<>(sessionIds);
      continuedSessions.retainAll(sessionsBefore);
      Counts counts = sessionSums(sessionIds, sessions::get).visitors(visitors.size())
          .pageviews(pageviews).events(events).visits(sessionIds.size()).build();
      Counts continued = sessionSums(continuedSessions, sessions::get)
          .visitors(continuedVisitors.size()).visits(continuedSessions.size()).build();
      return new DayCounts(counts, continued);
    }
  }

  /** Returns the session sums of the stored sessions among these ids. */
  public static Counts.Builder sessionSums(Set<Long> ids, Function<Long, Session> sessions) {
    long stored = 0;
    long sessionPageviews = 0;
    long bounces = 0;
    long duration = 0;
    for (long id : ids) {
      Session session = sessions.apply(id);
      if (session != null) {
        stored++;
        sessionPageviews += session.pageviews();
        bounces += session.bounce() ? 1 : 0;
        duration += session.bounce() ? 0 : session.durationSeconds();
      }
    }
    return Counts.builder().sessions(stored).sessionPageviews(sessionPageviews).bounces(bounces)
        .durationSeconds(duration);
  }
}
