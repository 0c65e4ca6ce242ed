package dev.footfall.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.DayRollup;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.TimeBuckets;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code daily_rollup} and {@code daily_stats} tables, and the reads that roll up a day: its
 * events with their sessions (fetched by primary key, a chunk of ids at a time) and its recurring
 * visitor ids. Sums over days are one aggregate query over the rows.
 */
final class JdbiRollupStore implements RollupStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TOP = 10;
  private static final int ID_CHUNK = 1_000;
  private static final List<String> SUMMED = List.of("pageviews", "events");
  private static final List<String> CONTINUED = List.of("visitors", "visits", "sessions",
      "session_pageviews", "bounces", "duration_seconds");
  private static final String INSERT_ROW = "INSERT INTO daily_rollup (site_id, epoch_day,"
      + " dimension, dimension_value, pageviews, events, visitors, visits, sessions,"
      + " session_pageviews, bounces, duration_seconds, continued_visitors, continued_visits,"
      + " continued_sessions, continued_session_pageviews, continued_bounces,"
      + " continued_duration_seconds) VALUES (:site, :day, :dimension, :value, :pageviews,"
      + " :events, :visitors, :visits, :sessions, :sessionPageviews, :bounces, :duration,"
      + " :cVisitors, :cVisits, :cSessions, :cSessionPageviews, :cBounces, :cDuration)";

  private final Jdbi jdbi;
  private final Dialect dialect;
  private final String insertStats;

  JdbiRollupStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
    this.insertStats = "INSERT INTO daily_stats (site_id, date, pageviews, unique_visitors,"
        + " sessions, bounce_rate, avg_session_duration, desktop_visitors, mobile_visitors,"
        + " tablet_visitors, top_pages, top_referrers, top_countries, top_browsers, top_os,"
        + " recurring_visitors, rolled_up_at) VALUES (:site, :date, :pageviews, :visitors,"
        + " :sessions, :bounceRate, :duration, :desktop, :mobile, :tablet, "
        + dialect.json("pages") + ", " + dialect.json("referrers") + ", "
        + dialect.json("countries") + ", " + dialect.json("browsers") + ", " + dialect.json("os")
        + ", :recurring, :rolledUpAt)";
  }

  @Override
  public void forEachEvent(RollupDay day, BiConsumer<Event, Session> action) {
    Failures.call("read the events of " + day.date(), () -> {
      jdbi.useHandle(handle -> {
        // The sessions by primary key, a chunk of ids at a time: H2 would otherwise scan every
        // session for an IN (SELECT …) of the window's session ids.
        List<Long> ids = handle.createQuery("SELECT DISTINCT session_id FROM event"
                + " WHERE site_id = :site AND timestamp >= :from AND timestamp < :to")
            .bind("site", day.siteId())
            .bind("from", dialect.bind(day.previousStart()))
            .bind("to", dialect.bind(day.end()))
            .mapTo(Long.class)
            .list();
        Map<Long, Session> sessions = new HashMap<>();
        for (int i = 0; i < ids.size(); i += ID_CHUNK) {
          handle.createQuery("SELECT * FROM session WHERE session_id IN (<ids>)")
              .bindList("ids", ids.subList(i, Math.min(ids.size(), i + ID_CHUNK)))
              .map((rs, ctx) -> Rows.session(rs, dialect))
              .forEach(session -> sessions.put(session.sessionId(), session));
        }
        handle.createQuery("SELECT * FROM event WHERE site_id = :site AND timestamp >= :from"
                + " AND timestamp < :to")
            .bind("site", day.siteId())
            .bind("from", dialect.bind(day.previousStart()))
            .bind("to", dialect.bind(day.end()))
            .setFetchSize(1_000)
            .map((rs, ctx) -> Rows.event(rs, dialect))
            .forEach(event -> action.accept(event, sessions.get(event.sessionId())));
      });
      return null;
    });
  }

  @Override
  public long recurringVisitors(RollupDay day) {
    return Failures.call("look for recurring visitors", () -> jdbi.withHandle(handle -> {
      List<Long> visitors = handle.createQuery("SELECT DISTINCT visitor_id FROM event"
              + " WHERE site_id = :site AND timestamp >= :start AND timestamp < :end")
          .bind("site", day.siteId())
          .bind("start", dialect.bind(day.start()))
          .bind("end", dialect.bind(day.end()))
          .mapTo(Long.class)
          .list();
      // A chunk of ids at a time, looked up by the visitor index.
      long recurring = 0;
      for (int i = 0; i < visitors.size(); i += ID_CHUNK) {
        recurring += handle.createQuery("SELECT COUNT(DISTINCT visitor_id) FROM event"
                + " WHERE visitor_id IN (<ids>) AND site_id = :site"
                + " AND (timestamp < :previousStart OR timestamp >= :nextEnd)")
            .bindList("ids", visitors.subList(i, Math.min(visitors.size(), i + ID_CHUNK)))
            .bind("site", day.siteId())
            .bind("previousStart", dialect.bind(day.previousStart()))
            .bind("nextEnd", dialect.bind(day.nextEnd()))
            .mapTo(Long.class)
            .one();
      }
      return recurring;
    }));
  }

  @Override
  public boolean settled(RollupDay day) {
    return Failures.call("look for open sessions", () -> jdbi.withHandle(handle -> handle
        .createQuery("SELECT COUNT(*) FROM session WHERE site_id = :site AND ended_at IS NULL"
            + " AND started_at < :end")
        .bind("site", day.siteId())
        .bind("end", dialect.bind(day.end()))
        .mapTo(Long.class)
        .one()) == 0);
  }

  @Override
  public void replace(DayRollup rollup) {
    RollupDay day = rollup.day();
    Failures.call("store the rollup of " + day.date(), () -> {
      jdbi.useTransaction(handle -> {
        handle.createUpdate("DELETE FROM daily_rollup WHERE site_id = :site AND epoch_day = :day")
            .bind("site", day.siteId())
            .bind("day", day.date().toEpochDay())
            .execute();
        handle.createUpdate("DELETE FROM daily_stats WHERE site_id = :site AND date = :date")
            .bind("site", day.siteId())
            .bind("date", day.date())
            .execute();
        insertRows(handle, rollup);
        insertStats(handle, rollup);
      });
      return null;
    });
  }

  @Override
  public Map<LocalDate, Long> rolledUp(String siteId, LocalDate from, LocalDate to) {
    return Failures.call("list rolled-up days", () -> jdbi.withHandle(handle -> {
      Map<LocalDate, Long> days = new TreeMap<>();
      handle.createQuery("SELECT date, recurring_visitors FROM daily_stats"
              + " WHERE site_id = :site AND date >= :from AND date <= :to")
          .bind("site", siteId)
          .bind("from", from)
          .bind("to", to)
          .map((rs, ctx) -> days.put(rs.getObject("date", LocalDate.class),
              rs.getLong("recurring_visitors")))
          .list();
      return days;
    }));
  }

  @Override
  public Map<String, Counts> sum(String siteId, LocalDate from, LocalDate to, Dimension groupBy,
      Filter filter) {
    return Failures.call("sum rollups", () -> jdbi.withHandle(handle -> sum(handle, siteId, from,
        to, groupBy, filter, "dimension_value", "epoch_day > :from", ResultSet::getString)));
  }

  @Override
  public Map<Long, Counts> sumByBucket(String siteId, LocalDate from, LocalDate to, Filter filter,
      TimeBuckets.Unit unit) {
    String bucket = switch (unit) {
      case DAY -> "epoch_day";
      case WEEK -> DayBuckets.week("epoch_day");
      case MONTH -> DayBuckets.month("epoch_day", new TimeBuckets(unit, ZoneOffset.UTC)
          .monthStarts(utc(from), utc(to)));
      default -> throw new IllegalArgumentException("rollups have no " + unit + " buckets");
    };
    return Failures.call("sum rollups by time", () -> jdbi.withHandle(handle -> sum(handle,
        siteId, from, to, null, filter, bucket,
        "epoch_day > :from AND " + bucket + " < epoch_day", ResultSet::getLong)));
  }

  /**
   * Sums the rows of the days, grouped by {@code key}, subtracting the continued counts of the rows
   * where {@code continues} holds.
   */
  private <K> Map<K, Counts> sum(Handle handle, String siteId, LocalDate from, LocalDate to,
      Dimension groupBy, Filter filter, String key, String continues, KeyReader<K> keys) {
    Dimension rows = groupBy != null ? groupBy : filter != null ? filter.dimension() : null;
    StringBuilder sql = new StringBuilder("SELECT ").append(key).append(" AS k");
    for (String column : SUMMED) {
      sql.append(", SUM(").append(column).append(") AS ").append(column);
    }
    for (String column : CONTINUED) {
      sql.append(", SUM(").append(column).append(") - SUM(CASE WHEN ").append(continues)
          .append(" THEN continued_").append(column).append(" ELSE 0 END) AS ").append(column);
    }
    sql.append(" FROM daily_rollup WHERE site_id = :site AND dimension = :dimension")
        .append(" AND epoch_day >= :from AND epoch_day <= :to")
        .append(filter == null ? "" : " AND dimension_value = :value")
        .append(" GROUP BY k");
    Query query = handle.createQuery(sql.toString())
        .bind("site", siteId)
        .bind("dimension", rows == null ? TOTAL : rows.key())
        .bind("from", from.toEpochDay())
        .bind("to", to.toEpochDay());
    if (filter != null) {
      query.bind("value", filter.value());
    }
    Map<K, Counts> sums = new HashMap<>();
    query.map((rs, ctx) -> sums.put(keys.read(rs, "k"), Counts.builder()
            .pageviews(rs.getLong("pageviews")).events(rs.getLong("events"))
            .visitors(rs.getLong("visitors")).visits(rs.getLong("visits"))
            .sessions(rs.getLong("sessions")).sessionPageviews(rs.getLong("session_pageviews"))
            .bounces(rs.getLong("bounces")).durationSeconds(rs.getLong("duration_seconds"))
            .build()))
        .list();
    return sums;
  }

  private static void insertRows(Handle handle, DayRollup rollup) {
    PreparedBatch batch = handle.prepareBatch(INSERT_ROW);
    rollup.rows().forEach((dimension, byValue) -> byValue.forEach((value, day) -> {
      Counts c = day.counts();
      Counts p = day.continued();
      batch.bind("site", rollup.day().siteId())
          .bind("day", rollup.day().date().toEpochDay())
          .bind("dimension", dimension)
          .bind("value", value)
          .bind("pageviews", c.pageviews())
          .bind("events", c.events())
          .bind("visitors", c.visitors())
          .bind("visits", c.visits())
          .bind("sessions", c.sessions())
          .bind("sessionPageviews", c.sessionPageviews())
          .bind("bounces", c.bounces())
          .bind("duration", c.durationSeconds())
          .bind("cVisitors", p.visitors())
          .bind("cVisits", p.visits())
          .bind("cSessions", p.sessions())
          .bind("cSessionPageviews", p.sessionPageviews())
          .bind("cBounces", p.bounces())
          .bind("cDuration", p.durationSeconds())
          .add();
    }));
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  private void insertStats(Handle handle, DayRollup rollup) {
    Counts total = rollup.total();
    Map<String, DayCounts> devices = rollup.rows().getOrDefault(Dimension.DEVICE.key(), Map.of());
    handle.createUpdate(insertStats)
        .bind("site", rollup.day().siteId())
        .bind("date", rollup.day().date())
        .bind("pageviews", total.pageviews())
        .bind("visitors", total.visitors())
        .bind("sessions", total.visits())
        .bind("bounceRate", percent(total.bounces(), total.sessions()))
        .bind("duration", Math.round((double) total.durationSeconds()
            / Math.max(1, total.sessions())))
        .bind("desktop", visitors(devices, "desktop"))
        .bind("mobile", visitors(devices, "mobile"))
        .bind("tablet", visitors(devices, "tablet"))
        .bind("pages", top(rollup, Dimension.PAGE))
        .bind("referrers", top(rollup, Dimension.REFERRER))
        .bind("countries", top(rollup, Dimension.COUNTRY))
        .bind("browsers", top(rollup, Dimension.BROWSER))
        .bind("os", top(rollup, Dimension.OS))
        .bind("recurring", rollup.recurringVisitors())
        .bind("rolledUpAt", dialect.bind(Instant.now()))
        .execute();
  }

  private static long visitors(Map<String, DayCounts> rows, String value) {
    return rows.getOrDefault(value, DayCounts.ZERO).counts().visitors();
  }

  private static long percent(long part, long whole) {
    return whole == 0 ? 0 : Math.round(100.0 * part / whole);
  }

  /** Returns the dimension's ten values with the most visitors as a JSON array. */
  private static String top(DayRollup rollup, Dimension dimension) {
    List<Map<String, Object>> top = new ArrayList<>();
    rollup.rows().getOrDefault(dimension.key(), Map.of()).entrySet().stream()
        .sorted(Comparator.comparing((Map.Entry<String, DayCounts> e) ->
            -e.getValue().counts().visitors()).thenComparing(Map.Entry::getKey))
        .limit(TOP)
        .forEach(e -> {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("value", e.getKey());
          row.put("visitors", e.getValue().counts().visitors());
          row.put("pageviews", e.getValue().counts().pageviews());
          top.add(row);
        });
    try {
      return JSON.writeValueAsString(top);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Instant utc(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
