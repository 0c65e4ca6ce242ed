package dev.footfall.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Dimension;
import dev.footfall.Event;
import dev.footfall.Filter;
import dev.footfall.Session;
import dev.footfall.UnknownSiteException;
import dev.footfall.spi.Counts;
import dev.footfall.spi.DayCounts;
import dev.footfall.spi.DayRollup;
import dev.footfall.spi.RollupDay;
import dev.footfall.spi.RollupStore;
import dev.footfall.spi.TimeBuckets;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code daily_rollup}, {@code monthly_rollup} and {@code daily_stats} tables, and the reads
 * that roll up a day: its events with their sessions (fetched by primary key, a chunk of ids at a
 * time) and its recurring visitor ids, kept in {@code recurring_visitor}. Sums over days are
 * aggregate queries over the rows: the month rows for the whole months of the range, the day rows
 * for the days before and after them.
 *
 * <p>A month row is its days' rows merged by the rule of {@link DayCounts}: their sums less the
 * continued part of every day but the 1st, and as its own continued part that of the 1st. A sum
 * that subtracts the continued part of every row after the range's first day therefore comes out
 * the same from month rows as from day rows. Replacing a day recomputes its month row, holding the
 * lock of the site's row so that replaces of one site never overlap.
 */
final class JdbiRollupStore implements RollupStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TOP = 10;
  private static final List<String> SUMMED = List.of("pageviews", "events");
  private static final List<String> CONTINUED = List.of("visitors", "visits", "sessions",
      "session_pageviews", "bounces", "duration_seconds");
  private static final String INSERT_ROW = "INSERT INTO daily_rollup (site_id, epoch_day,"
      + " dimension, dimension_value, pageviews, events, visitors, visits, sessions,"
      + " session_pageviews, bounces, duration_seconds, continued_visitors, continued_visits,"
      + " continued_sessions, continued_session_pageviews, continued_bounces,"
      + " continued_duration_seconds) VALUES (:site, :day, :dimension, :value, :c0, :c1, :c2,"
      + " :c3, :c4, :c5, :c6, :c7, :c8, :c9, :c10, :c11, :c12, :c13)";
  private static final String DAYS = "daily_rollup";
  private static final String MONTHS = "monthly_rollup";
  private static final String INSERT_MONTH = monthFromDays();

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
  public long forEachEvent(RollupDay day, long after, BiConsumer<Event, Session> action) {
    return Failures.call("read the events of " + day.date(), () -> jdbi.withHandle(handle ->
        after == 0 ? forEachEvent(handle, day, action)
            : forEachEventSince(handle, day, after, action)));
  }

  /** Reads the two days by the (site, time) index, up to the last id stored when it starts. */
  private long forEachEvent(Handle handle, RollupDay day, BiConsumer<Event, Session> action) {
    long last = handle.createQuery("SELECT COALESCE(MAX(id), 0) FROM event")
        .mapTo(Long.class)
        .one();
    Map<Long, Session> sessions = sessionsById(handle,
        window(handle, "SELECT DISTINCT session_id", day, last).mapTo(Long.class).list());
    window(handle, "SELECT *", day, last)
        .setFetchSize(1_000)
        .map((rs, ctx) -> Rows.event(rs, dialect))
        .forEach(event -> action.accept(event, sessions.get(event.sessionId())));
    return last;
  }

  /** Selects from the events of the day and the day before with ids up to {@code last}. */
  private Query window(Handle handle, String select, RollupDay day, long last) {
    return handle.createQuery(select + " FROM event WHERE site_id = :site"
            + " AND timestamp >= :from AND timestamp < :to AND id <= :last")
        .bind("site", day.siteId())
        .bind("from", dialect.bind(day.previousStart()))
        .bind("to", dialect.bind(day.end()))
        .bind("last", last);
  }

  /**
   * Reads the events stored since {@code after} by primary key and passes the day's: first the id,
   * site and time of every site's new events, then the day's whole rows by id. By the (site, time)
   * index, H2 would go through all of the two days' events for the few new ones.
   */
  private long forEachEventSince(Handle handle, RollupDay day, long after,
      BiConsumer<Event, Session> action) {
    List<Long> ids = new ArrayList<>();
    long[] last = {after};
    handle.createQuery("SELECT id, site_id, timestamp FROM event WHERE id > :after")
        .bind("after", after)
        .setFetchSize(1_000)
        .map((rs, ctx) -> new Stored(rs.getLong("id"), rs.getString("site_id"),
            dialect.instant(rs, "timestamp")))
        .forEach(stored -> {
          last[0] = Math.max(last[0], stored.id());
          if (stored.siteId().equals(day.siteId()) && !stored.at().isBefore(day.previousStart())
              && stored.at().isBefore(day.end())) {
            ids.add(stored.id());
          }
        });
    List<Event> events = new ArrayList<>();
    IdChunks.query(handle, dialect, ids, "SELECT * FROM event WHERE id IN (<ids>)",
        query -> query.map((rs, ctx) -> Rows.event(rs, dialect)).forEach(events::add));
    Map<Long, Session> sessions = sessionsById(handle,
        events.stream().map(Event::sessionId).distinct().toList());
    events.forEach(event -> action.accept(event, sessions.get(event.sessionId())));
    return last[0];
  }

  /** Where and when an event was stored. */
  private record Stored(long id, String siteId, Instant at) {}

  private Map<Long, Session> sessionsById(Handle handle, List<Long> ids) {
    Map<Long, Session> sessions = new HashMap<>();
    JdbiSessionStore.findAll(handle, ids, dialect)
        .forEach(session -> sessions.put(session.sessionId(), session));
    return sessions;
  }

  @Override
  public Set<Long> recurringVisitors(RollupDay day, Collection<Long> visitorIds) {
    List<Long> visitors = List.copyOf(new HashSet<>(visitorIds));
    return Failures.call("look for recurring visitors", () -> jdbi.withHandle(handle -> {
      // Looked up by the visitor index, a chunk of ids at a time (on DuckDB, in one join).
      Set<Long> recurring = new HashSet<>();
      IdChunks.query(handle, dialect, visitors, "SELECT DISTINCT visitor_id FROM event"
              + " WHERE visitor_id IN (<ids>) AND site_id = :site"
              + " AND (timestamp < :previousStart OR timestamp >= :nextEnd)",
          query -> recurring.addAll(query
              .bind("site", day.siteId())
              .bind("previousStart", dialect.bind(day.previousStart()))
              .bind("nextEnd", dialect.bind(day.nextEnd()))
              .mapTo(Long.class)
              .list()));
      return recurring;
    }));
  }

  @Override
  public Set<Long> recurringVisitors(String siteId, LocalDate from, LocalDate to) {
    return Failures.call("list recurring visitors", () -> jdbi.withHandle(handle -> new HashSet<>(
        handle.createQuery("SELECT DISTINCT visitor_id FROM recurring_visitor"
                + " WHERE site_id = :site AND epoch_day >= :from AND epoch_day <= :to")
            .bind("site", siteId)
            .bind("from", from.toEpochDay())
            .bind("to", to.toEpochDay())
            .mapTo(Long.class)
            .list())));
  }

  @Override
  public void deleteRecurringVisitorsBefore(LocalDate date) {
    Failures.call("delete old recurring visitors", () -> jdbi.withHandle(handle -> handle
        .createUpdate("DELETE FROM recurring_visitor WHERE epoch_day < :day")
        .bind("day", date.toEpochDay())
        .execute()));
  }

  @Override
  public void forEachEventOf(String siteId, Collection<Long> visitorIds, Instant from, Instant to,
      BiConsumer<Event, Session> action) {
    List<Long> visitors = List.copyOf(new HashSet<>(visitorIds));
    Failures.call("read the events of recurring visitors", () -> jdbi.withHandle(handle -> {
      // Looked up by the visitor index, a chunk of ids at a time (on DuckDB, in one join).
      List<Event> events = new ArrayList<>();
      IdChunks.query(handle, dialect, visitors, "SELECT * FROM event WHERE visitor_id IN (<ids>)"
              + " AND site_id = :site AND timestamp >= :from AND timestamp < :to",
          query -> query
              .bind("site", siteId)
              .bind("from", dialect.bind(from))
              .bind("to", dialect.bind(to))
              .map((rs, ctx) -> Rows.event(rs, dialect))
              .forEach(events::add));
      Map<Long, Session> sessions = sessionsById(handle,
          events.stream().map(Event::sessionId).distinct().toList());
      events.forEach(event -> action.accept(event, sessions.get(event.sessionId())));
      return null;
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
    boolean stored = Failures.call("store the rollup of " + day.date(), () ->
      jdbi.inTransaction(handle -> {
        // One replace per site at a time, on every instance: another day's replace of the same
        // month would otherwise miss the month rows this one inserts, and leave them twice.
        if (handle.createQuery(dialect.lockSite())
            .bind("site", day.siteId())
            .mapTo(String.class)
            .findOne()
            .isEmpty()) {
          return false;
        }
        handle.createUpdate("DELETE FROM daily_rollup WHERE site_id = :site AND epoch_day = :day")
            .bind("site", day.siteId())
            .bind("day", day.date().toEpochDay())
            .execute();
        handle.createUpdate("DELETE FROM daily_stats WHERE site_id = :site AND date = :date")
            .bind("site", day.siteId())
            .bind("date", day.date())
            .execute();
        handle.createUpdate("DELETE FROM recurring_visitor WHERE site_id = :site"
                + " AND epoch_day = :day")
            .bind("site", day.siteId())
            .bind("day", day.date().toEpochDay())
            .execute();
        if (dialect == Dialect.DUCKDB) {
          appendRows(handle, rollup);
        } else {
          insertRows(handle, rollup);
          insertRecurring(handle, rollup);
        }
        insertStats(handle, rollup);
        LocalDate month = day.date().withDayOfMonth(1);
        handle.createUpdate("DELETE FROM monthly_rollup WHERE site_id = :site"
                + " AND epoch_day = :month")
            .bind("site", day.siteId())
            .bind("month", month.toEpochDay())
            .execute();
        handle.createUpdate(INSERT_MONTH)
            .bind("site", day.siteId())
            .bind("month", month.toEpochDay())
            .bind("end", month.plusMonths(1).minusDays(1).toEpochDay())
            .execute();
        return true;
      }));
    if (!stored) {
      throw new UnknownSiteException(day.siteId());
    }
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
    return Failures.call("sum rollups", () -> jdbi.withHandle(handle -> {
      Map<String, Counts> sums = new HashMap<>();
      for (Span span : spans(from, to)) {
        sum(handle, span.table(), siteId, from, span.from(), span.to(), groupBy, filter,
            "dimension_value", "epoch_day > :first", ResultSet::getString, sums);
      }
      return sums;
    }));
  }

  /** The rows of {@code table} from {@code from} to {@code to}. */
  private record Span(String table, LocalDate from, LocalDate to) {}

  /** Splits a range into its whole months and the days before and after them. */
  private static List<Span> spans(LocalDate from, LocalDate to) {
    LocalDate months = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
    LocalDate afterMonths = to.plusDays(1).withDayOfMonth(1);
    if (!months.isBefore(afterMonths)) {
      return List.of(new Span(DAYS, from, to));
    }
    List<Span> spans = new ArrayList<>();
    if (from.isBefore(months)) {
      spans.add(new Span(DAYS, from, months.minusDays(1)));
    }
    spans.add(new Span(MONTHS, months, afterMonths.minusDays(1)));
    if (!to.isBefore(afterMonths)) {
      spans.add(new Span(DAYS, afterMonths, to));
    }
    return spans;
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
    return Failures.call("sum rollups by time", () -> jdbi.withHandle(handle -> {
      Map<Long, Counts> sums = new HashMap<>();
      sum(handle, DAYS, siteId, from, from, to, null, filter, bucket,
          "epoch_day > :first AND " + bucket + " < epoch_day", ResultSet::getLong, sums);
      return sums;
    }));
  }

  /**
   * Adds to {@code sums} the sums of the rows of {@code table} from {@code from} to {@code to},
   * grouped by {@code key}, less the continued counts of the rows where {@code continues} holds
   * ({@code :first} is the range's first day). The rows are added up here: H2 sums {@code BIGINT}
   * columns as {@code NUMERIC}, which made its {@code GROUP BY} 3–4 times slower than reading them.
   */
  private <K> void sum(Handle handle, String table, String siteId, LocalDate first,
      LocalDate from, LocalDate to, Dimension groupBy, Filter filter, String key,
      String continues, KeyReader<K> keys, Map<K, Counts> sums) {
    Dimension rows = groupBy != null ? groupBy : filter != null ? filter.dimension() : null;
    StringBuilder sql = new StringBuilder("SELECT ").append(key).append(" AS k, CASE WHEN ")
        .append(continues).append(" THEN 1 ELSE 0 END AS continues");
    for (String column : SUMMED) {
      sql.append(", ").append(column);
    }
    for (String column : CONTINUED) {
      sql.append(", ").append(column).append(", continued_").append(column);
    }
    sql.append(" FROM ").append(table).append(" WHERE site_id = :site AND dimension = :dimension")
        .append(" AND epoch_day >= :from AND epoch_day <= :to")
        .append(filter == null ? "" : " AND dimension_value = :value");
    Query query = handle.createQuery(sql.toString())
        .bind("site", siteId)
        .bind("dimension", rows == null ? TOTAL : rows.key())
        .bind("first", first.toEpochDay())
        .bind("from", from.toEpochDay())
        .bind("to", to.toEpochDay());
    if (filter != null) {
      query.bind("value", filter.values().get(0));
    }
    query.map((rs, ctx) -> {
      Counts counts = counts(rs, "");
      return Map.entry(keys.read(rs, "k"),
          rs.getInt("continues") == 1 ? counts.minus(counts(rs, "continued_")) : counts);
    }).forEach(row -> sums.merge(row.getKey(), row.getValue(), Counts::plus));
  }

  /** Reads a rollup row's counts, or its continued counts with {@code prefix} "continued_". */
  private static Counts counts(ResultSet rs, String prefix) throws SQLException {
    Counts.Builder counts = Counts.builder()
        .visitors(rs.getLong(prefix + "visitors")).visits(rs.getLong(prefix + "visits"))
        .sessions(rs.getLong(prefix + "sessions"))
        .sessionPageviews(rs.getLong(prefix + "session_pageviews"))
        .bounces(rs.getLong(prefix + "bounces"))
        .durationSeconds(rs.getLong(prefix + "duration_seconds"));
    return prefix.isEmpty()
        ? counts.pageviews(rs.getLong("pageviews")).events(rs.getLong("events")).build()
        : counts.build();
  }

  /**
   * Returns the statement that computes a month's rows ({@code :month}, its 1st, to {@code :end})
   * from its day rows.
   */
  private static String monthFromDays() {
    StringBuilder columns = new StringBuilder();
    StringBuilder sums = new StringBuilder();
    for (String column : SUMMED) {
      columns.append(", ").append(column);
      sums.append(", SUM(").append(column).append(")");
    }
    for (String column : CONTINUED) {
      columns.append(", ").append(column);
      sums.append(", SUM(").append(column).append(") - SUM(CASE WHEN epoch_day > :month THEN")
          .append(" continued_").append(column).append(" ELSE 0 END)");
    }
    for (String column : CONTINUED) {
      columns.append(", continued_").append(column);
      sums.append(", SUM(CASE WHEN epoch_day = :month THEN continued_").append(column)
          .append(" ELSE 0 END)");
    }
    return "INSERT INTO monthly_rollup (site_id, epoch_day, dimension, dimension_value" + columns
        + ") SELECT site_id, :month, dimension, dimension_value" + sums
        + " FROM daily_rollup WHERE site_id = :site AND epoch_day >= :month"
        + " AND epoch_day <= :end GROUP BY site_id, dimension, dimension_value";
  }

  /** Appends the rows and recurring visitors on DuckDB ({@link DuckDbRollupRows}). */
  private static void appendRows(Handle handle, DayRollup rollup) {
    try {
      DuckDbRollupRows.appendRows(handle.getConnection(), rollup);
      DuckDbRollupRows.appendRecurring(handle.getConnection(), rollup);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot append the rollup rows", e);
    }
  }

  private static void insertRows(Handle handle, DayRollup rollup) {
    PreparedBatch batch = handle.prepareBatch(INSERT_ROW);
    rollup.rows().forEach((dimension, byValue) -> byValue.forEach((value, day) -> {
      batch.bind("site", rollup.day().siteId())
          .bind("day", rollup.day().date().toEpochDay())
          .bind("dimension", dimension)
          .bind("value", value);
      long[] counts = counts(day);
      for (int i = 0; i < counts.length; i++) {
        batch.bind("c" + i, counts[i]);
      }
      batch.add();
    }));
    if (batch.size() > 0) {
      batch.execute();
    }
  }

  /**
   * Returns a rollup row's counts in the order of {@code daily_rollup}'s columns after its site,
   * day, dimension and value: the day's, then the part continued from the day before.
   */
  static long[] counts(DayCounts day) {
    Counts c = day.counts();
    Counts p = day.continued();
    return new long[] {c.pageviews(), c.events(), c.visitors(), c.visits(), c.sessions(),
        c.sessionPageviews(), c.bounces(), c.durationSeconds(), p.visitors(), p.visits(),
        p.sessions(), p.sessionPageviews(), p.bounces(), p.durationSeconds()};
  }

  private static void insertRecurring(Handle handle, DayRollup rollup) {
    PreparedBatch batch = handle.prepareBatch("INSERT INTO recurring_visitor (site_id, epoch_day,"
        + " visitor_id) VALUES (:site, :day, :visitor)");
    for (long visitor : rollup.recurringVisitors()) {
      batch.bind("site", rollup.day().siteId())
          .bind("day", rollup.day().date().toEpochDay())
          .bind("visitor", visitor)
          .add();
    }
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
        .bind("recurring", rollup.recurringVisitors().size())
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
