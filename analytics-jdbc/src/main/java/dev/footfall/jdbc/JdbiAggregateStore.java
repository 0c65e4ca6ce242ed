package dev.footfall.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.footfall.Condition;
import dev.footfall.Dimension;
import dev.footfall.spi.AggregateStore;
import dev.footfall.spi.Counts;
import dev.footfall.spi.EngagementSums;
import dev.footfall.spi.GroupKey;
import dev.footfall.spi.RevenueSum;
import dev.footfall.spi.Selection;
import dev.footfall.spi.TimeBuckets;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Counts events in SQL. On a row store each report runs two aggregate queries: one over the
 * selected events (visitors, pageviews, events, visits, conversions) and one over the stored
 * sessions those events belong to (bounces, durations, the sessions' pageviews), joined on the
 * group key. On DuckDB ({@link Dialect#countsSessionsFirst()}) it runs one: the events are grouped
 * by (group, session) first, then joined to their sessions and grouped again.
 */
final class JdbiAggregateStore implements AggregateStore {
  private static final String EVENT_SUMS = "COUNT(DISTINCT e.visitor_id) AS visitors,"
      + " COALESCE(SUM(CASE WHEN e.event_type = 'pageview' THEN 1 ELSE 0 END), 0) AS pageviews,"
      + " COUNT(*) AS events,"
      + " COUNT(DISTINCT e.session_id) AS visits,"
      + " COUNT(DISTINCT CASE WHEN %s THEN e.visitor_id END) AS conversions";
  private static final String SESSION_SUMS = "COUNT(*) AS sessions,"
      + " COALESCE(SUM(s.pageviews), 0) AS session_pageviews,"
      + " COALESCE(SUM(CASE WHEN s.is_bounce THEN 1 ELSE 0 END), 0) AS bounces,"
      + " COALESCE(SUM(CASE WHEN s.is_bounce THEN 0 ELSE s.duration_seconds END), 0) AS duration";
  /**
   * A group's part of one session: its events, pageviews and whether one converted. A session has
   * one visitor id ({@link dev.footfall.SessionManager} keys sessions by visitor), so counting the
   * parts counts the group's visits.
   */
  private static final String SESSION_PART = "e.session_id, e.visitor_id, COUNT(*) AS events,"
      + " SUM(CASE WHEN e.event_type = 'pageview' THEN 1 ELSE 0 END) AS pageviews,"
      + " BOOL_OR(%s) AS converted";
  /** The sums over a group's session parts {@code m}, joined to their stored sessions {@code v}. */
  private static final String PART_SUMS = "COUNT(DISTINCT m.visitor_id) AS visitors,"
      + " COALESCE(SUM(m.pageviews), 0) AS pageviews, COALESCE(SUM(m.events), 0) AS events,"
      + " COUNT(*) AS visits,"
      + " COUNT(DISTINCT CASE WHEN m.converted THEN m.visitor_id END) AS conversions,"
      + " COUNT(v.session_id) AS sessions,"
      + " COALESCE(SUM(v.pageviews), 0) AS session_pageviews,"
      + " COALESCE(SUM(CASE WHEN v.is_bounce THEN 1 ELSE 0 END), 0) AS bounces,"
      + " COALESCE(SUM(CASE WHEN v.is_bounce THEN 0 ELSE v.duration_seconds END), 0) AS duration";

  private static final ObjectMapper KEY_LISTS = new ObjectMapper();

  private final Jdbi jdbi;
  private final Dialect dialect;

  JdbiAggregateStore(Jdbi jdbi, Dialect dialect) {
    this.jdbi = jdbi;
    this.dialect = dialect;
  }

  @Override
  public Counts total(Selection selection) {
    return Failures.call("count events", () -> jdbi.withHandle(handle -> {
      Map<String, Counts> counts = grouped(handle, selection, sql -> "''", false, "",
          ResultSet::getString);
      return counts.getOrDefault("", Counts.ZERO);
    }));
  }

  @Override
  public Map<String, Counts> breakdown(Selection selection, Dimension dimension, int offset,
      int limit) {
    String page = " ORDER BY visitors DESC, k LIMIT " + limit + " OFFSET " + offset;
    return Failures.call("break down events", () -> jdbi.withHandle(handle -> grouped(handle,
        selection, sql -> dialect.binaryCollation(sql.column(dimension)),
        dimension.kind().ofVisit(), page, ResultSet::getString)));
  }

  @Override
  public Map<Long, Counts> timeseries(Selection selection, TimeBuckets buckets) {
    return Failures.call("count events by time", () -> jdbi.withHandle(handle -> grouped(handle,
        selection, sql -> bucket(sql, selection, buckets), false, "", ResultSet::getLong)));
  }

  /**
   * Groups by one key column per dimension ({@code k0}, {@code k1}, …) and one for the time bucket
   * ({@code kt}), in the same two queries as {@link #grouped} (or the one of {@link
   * #groupedBySessionFirst} on DuckDB), every group returned.
   */
  @Override
  public Map<GroupKey, Counts> groups(Selection selection, List<Dimension> dimensions,
      Optional<TimeBuckets> buckets) {
    return Failures.call("group events", () -> jdbi.withHandle(handle ->
        dialect.countsSessionsFirst()
            ? groupsBySessionFirst(handle, selection, dimensions, buckets)
            : groupsInTwoQueries(handle, selection, dimensions, buckets)));
  }

  private Map<GroupKey, Counts> groupsInTwoQueries(Handle handle, Selection selection,
      List<Dimension> dimensions, Optional<TimeBuckets> buckets) {
    SqlSelection events = new SqlSelection(dialect, selection);
    List<String> eventKeys = keyColumns(events, selection, dimensions, buckets);
    String eventAliases = aliases("", dimensions, buckets);
    Map<GroupKey, Counts> counts = new HashMap<>();
    events.bindAll(handle.createQuery("SELECT " + String.join(", ", eventKeys) + ", "
            + EVENT_SUMS.formatted(events.goal()) + events.fromWhere() + " GROUP BY "
            + eventAliases))
        .map((rs, ctx) -> {
          counts.put(groupKey(rs, dimensions, buckets), Counts.builder()
              .visitors(rs.getLong("visitors")).pageviews(rs.getLong("pageviews"))
              .events(rs.getLong("events")).visits(rs.getLong("visits"))
              .conversions(rs.getLong("conversions")).build());
          return null;
        })
        .list();
    if (counts.isEmpty()) {
      return counts;
    }
    SqlSelection visits = new SqlSelection(dialect, selection);
    List<String> visitKeys = keyColumns(visits, selection, dimensions, buckets);
    String sessionAliases = aliases("m.", dimensions, buckets);
    visits.bindAll(handle.createQuery("SELECT " + sessionAliases + ", " + SESSION_SUMS
            + " FROM session s JOIN (SELECT " + String.join(", ", visitKeys) + ", e.session_id"
            + visits.fromWhere() + " GROUP BY " + eventAliases + ", e.session_id) m"
            + " ON m.session_id = s.session_id GROUP BY " + sessionAliases))
        .map((rs, ctx) -> {
          GroupKey key = groupKey(rs, dimensions, buckets);
          Counts c = counts.get(key);
          if (c != null) {
            counts.put(key, c.toBuilder().sessions(rs.getLong("sessions"))
                .sessionPageviews(rs.getLong("session_pageviews")).bounces(rs.getLong("bounces"))
                .durationSeconds(rs.getLong("duration")).build());
          }
          return null;
        })
        .list();
    return counts;
  }

  /**
   * The one query of {@link #groupedBySessionFirst} with several keys: the event's own keys (and
   * the bucket) group the session parts, the visit's keys are read from the joined session.
   */
  private Map<GroupKey, Counts> groupsBySessionFirst(Handle handle, Selection selection,
      List<Dimension> dimensions, Optional<TimeBuckets> buckets) {
    SqlSelection sql = new SqlSelection(dialect, selection);
    List<String> inner = new ArrayList<>();
    List<String> outer = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      Dimension dimension = dimensions.get(i);
      String column = dialect.binaryCollation(sql.column(dimension)) + " AS k" + i;
      if (dimension.kind().ofVisit()) {
        outer.add(column);
      } else {
        inner.add(column);
        outer.add("m.k" + i + " AS k" + i);
      }
    }
    if (buckets.isPresent()) {
      inner.add(bucket(sql, selection, buckets.get()) + " AS kt");
      outer.add("m.kt AS kt");
    }
    List<String> innerAliases = inner.stream()
        .map(column -> column.substring(column.lastIndexOf(" AS ") + 4)).toList();
    String parts = "SELECT " + (inner.isEmpty() ? "" : String.join(", ", inner) + ", ")
        + SESSION_PART.formatted(sql.goal()) + sql.eventsWhere() + " GROUP BY "
        + (innerAliases.isEmpty() ? "" : String.join(", ", innerAliases) + ", ")
        + "e.session_id, e.visitor_id";
    String groupBy = outer.isEmpty() ? ""
        : " GROUP BY " + aliases("", dimensions, buckets);
    String query = "SELECT " + (outer.isEmpty() ? "" : String.join(", ", outer) + ", ")
        + PART_SUMS + " FROM (" + parts + ") m " + (sql.readsVisit() ? "JOIN" : "LEFT JOIN")
        + " session v ON v.session_id = m.session_id" + sql.visitWhere() + groupBy;
    Map<GroupKey, Counts> counts = new HashMap<>();
    sql.bindAll(handle.createQuery(query))
        .map((rs, ctx) -> {
          if (rs.getLong("events") == 0) {
            return null; // no group at all: the sums of nothing
          }
          counts.put(groupKey(rs, dimensions, buckets), Counts.builder()
              .visitors(rs.getLong("visitors")).pageviews(rs.getLong("pageviews"))
              .events(rs.getLong("events")).visits(rs.getLong("visits"))
              .conversions(rs.getLong("conversions")).sessions(rs.getLong("sessions"))
              .sessionPageviews(rs.getLong("session_pageviews")).bounces(rs.getLong("bounces"))
              .durationSeconds(rs.getLong("duration")).build());
          return null;
        })
        .list();
    return counts;
  }

  /** Returns {@code <expression> AS k<i>} per dimension, then the bucket's {@code … AS kt}. */
  private List<String> keyColumns(SqlSelection sql, Selection selection,
      List<Dimension> dimensions, Optional<TimeBuckets> buckets) {
    List<String> columns = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      columns.add(dialect.binaryCollation(sql.column(dimensions.get(i))) + " AS k" + i);
    }
    buckets.ifPresent(b -> columns.add(bucket(sql, selection, b) + " AS kt"));
    if (columns.isEmpty()) {
      columns.add("'' AS k0");
    }
    return columns;
  }

  /** Returns the key columns' aliases, each with the prefix, joined by commas. */
  private static String aliases(String prefix, List<Dimension> dimensions,
      Optional<TimeBuckets> buckets) {
    List<String> aliases = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      aliases.add(prefix + "k" + i);
    }
    buckets.ifPresent(b -> aliases.add(prefix + "kt"));
    if (aliases.isEmpty()) {
      aliases.add(prefix + "k0");
    }
    return String.join(", ", aliases);
  }

  private static GroupKey groupKey(ResultSet rs, List<Dimension> dimensions,
      Optional<TimeBuckets> buckets) throws SQLException {
    List<String> values = new ArrayList<>(dimensions.size());
    for (int i = 0; i < dimensions.size(); i++) {
      String value = rs.getString("k" + i);
      values.add(value == null ? "" : value);
    }
    return new GroupKey(values, buckets.isPresent() ? rs.getLong("kt") : 0);
  }

  @Override
  public long visitors(Selection selection) {
    SqlSelection events = new SqlSelection(dialect, selection);
    String sql = "SELECT COUNT(DISTINCT e.visitor_id)" + events.fromWhere();
    return Failures.call("count visitors", () -> jdbi.withHandle(handle -> events.bindAll(
        handle.createQuery(sql)).mapTo(Long.class).one()));
  }

  @Override
  public Map<Long, Long> pageviews(Selection selection, TimeBuckets buckets) {
    SqlSelection events = new SqlSelection(dialect, selection);
    String bucket = bucket(events, selection, buckets);
    String sql = "SELECT " + bucket + " AS k, COUNT(*) AS pageviews" + events.fromWhere()
        + " AND e.event_type = 'pageview' GROUP BY k";
    return Failures.call("count pageviews by time", () -> jdbi.withHandle(handle -> {
      Map<Long, Long> pageviews = new HashMap<>();
      events.bindAll(handle.createQuery(sql)).map((rs, ctx) -> {
        pageviews.put(rs.getLong("k"), rs.getLong("pageviews"));
        return null;
      }).list();
      return pageviews;
    }));
  }

  /**
   * Sums in one query: the selected engagements of the pages grouped by (page, visitor) for each
   * visitor's deepest scroll and engaged time there, then grouped by page. The filters are {@link
   * SqlSelection}'s over {@code FROM engagement e}, whose columns they read have the event's names.
   */
  @Override
  public Map<String, EngagementSums> engagement(Selection selection, Collection<String> pages) {
    if (pages.isEmpty()) {
      return Map.of();
    }
    SqlSelection sql = new SqlSelection(dialect, AggregateStore.forEngagements(selection));
    StringBuilder in = new StringBuilder();
    for (String page : new LinkedHashSet<>(pages)) {
      in.append(in.length() == 0 ? ":" : ", :").append(sql.bind(page));
    }
    // DuckDB sums BIGINTs into a HUGEINT.
    String depth = dialect == Dialect.DUCKDB ? "CAST(SUM(m.depth) AS BIGINT)" : "SUM(m.depth)";
    String engaged = dialect == Dialect.DUCKDB ? "CAST(SUM(m.engaged) AS BIGINT)"
        : "SUM(m.engaged)";
    String query = "SELECT m.k AS k, COUNT(*) AS visitors, " + depth + " AS depth, " + engaged
        + " AS engaged"
        + " FROM (SELECT e.pathname AS k, e.visitor_id, MAX(e.scroll_depth) AS depth,"
        + " SUM(e.engaged_ms) AS engaged" + sql.fromWhere("engagement")
        + " AND e.pathname IN (" + in + ") GROUP BY e.pathname, e.visitor_id) m GROUP BY m.k";
    return Failures.call("sum engagements", () -> jdbi.withHandle(handle -> {
      Map<String, EngagementSums> sums = new HashMap<>();
      sql.bindAll(handle.createQuery(query)).map((rs, ctx) -> {
        sums.put(rs.getString("k"), new EngagementSums(rs.getLong("visitors"),
            rs.getLong("depth"), rs.getLong("engaged")));
        return null;
      }).list();
      return sums;
    }));
  }

  @Override
  public RevenueSum revenue(Selection selection, Currency currency) {
    SqlSelection events = new SqlSelection(dialect, selection);
    String sql = "SELECT SUM(e.revenue_amount) AS total, COUNT(*) AS events" + events.fromWhere()
        + " AND e.revenue_currency = :" + events.bind(currency.getCurrencyCode());
    return Failures.call("sum revenue", () -> jdbi.withHandle(handle -> events.bindAll(
        handle.createQuery(sql)).map((rs, ctx) -> new RevenueSum(
            rs.getBigDecimal("total") == null ? BigDecimal.ZERO : rs.getBigDecimal("total"),
            rs.getLong("events")))
        .one()));
  }

  /**
   * Groups the selected events by their set of prop keys (a JSON array; sites have few such sets)
   * and adds up each key's events in Java.
   */
  @Override
  public Map<String, Long> propKeys(Selection selection) {
    SqlSelection events = new SqlSelection(dialect, selection);
    String sql = "SELECT k, COUNT(*) AS events FROM (SELECT " + dialect.propKeys("e.metadata")
        + " AS k" + events.fromWhere() + ") m WHERE k IS NOT NULL GROUP BY k";
    return Failures.call("list prop keys", () -> jdbi.withHandle(handle -> {
      Map<String, Long> keys = new HashMap<>();
      events.bindAll(handle.createQuery(sql)).map((rs, ctx) -> {
        for (String key : keys(rs.getString("k"))) {
          keys.merge(key, rs.getLong("events"), Long::sum);
        }
        return null;
      }).list();
      return keys;
    }));
  }

  private static String[] keys(String json) {
    try {
      return KEY_LISTS.readValue(json, String[].class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("unreadable list of prop keys", e);
    }
  }

  /**
   * Counts a funnel in one query: step 1 is each visit's earliest event satisfying it, step k the
   * earliest one after step k - 1's, each step a common table expression joined to the last.
   */
  @Override
  public long[] funnel(Selection selection, List<Condition> steps) {
    SqlSelection events = new SqlSelection(dialect, selection);
    StringBuilder sql = new StringBuilder("WITH s1 AS (SELECT e.session_id,"
        + " MIN(e.visitor_id) AS visitor_id, MIN(e.timestamp) AS t")
        .append(events.fromWhere()).append(" AND ").append(events.sql(steps.get(0)))
        .append(" GROUP BY e.session_id)");
    for (int k = 2; k <= steps.size(); k++) {
      sql.append(", s").append(k).append(" AS (SELECT p.session_id, MIN(p.visitor_id) AS"
              + " visitor_id, MIN(e.timestamp) AS t FROM s").append(k - 1)
          .append(" p JOIN event e ON e.session_id = p.session_id")
          .append(events.joinWhere()).append(" AND e.timestamp > p.t AND ")
          .append(events.sql(steps.get(k - 1))).append(" GROUP BY p.session_id)");
    }
    for (int k = 1; k <= steps.size(); k++) {
      sql.append(k == 1 ? " " : " UNION ALL ").append("SELECT ").append(k)
          .append(" AS step, COUNT(DISTINCT visitor_id) AS visitors FROM s").append(k);
    }
    return Failures.call("count a funnel", () -> jdbi.withHandle(handle -> {
      long[] visitors = new long[steps.size()];
      events.bindAll(handle.createQuery(sql.toString())).map((rs, ctx) -> {
        visitors[rs.getInt("step") - 1] = rs.getLong("visitors");
        return null;
      }).list();
      return visitors;
    }));
  }

  @Override
  public Optional<Instant> firstEvent(String siteId) {
    // Reads one entry of the (site_id, timestamp) index. H2 scans the whole site for
    // MIN(timestamp), and sorts by the index only when ORDER BY names both of its columns. DuckDB
    // has no such index, but answers MIN from its row groups' statistics, where it would sort.
    String sql = dialect == Dialect.DUCKDB
        ? "SELECT MIN(timestamp) AS first FROM event WHERE site_id = :site"
        : "SELECT timestamp AS first FROM event WHERE site_id = :site"
            + " ORDER BY site_id, timestamp LIMIT 1";
    return Failures.call("find the first event", () -> jdbi.withHandle(handle -> handle
        .createQuery(sql)
        .bind("site", siteId)
        .map((rs, ctx) -> dialect.instant(rs, "first"))
        .findOne()));
  }

  /**
   * Runs the event query grouped by {@code key}, then the session query for the groups it found.
   * (The session query groups its (key, session) pairs rather than selecting them DISTINCT: on H2
   * that halved it for a page breakdown over 1M events, 24 → 11.5 s.)
   *
   * @param keyOfVisit whether {@code key} reads the session ({@code v}) rather than the event
   * @param page an {@code ORDER BY … LIMIT …} clause for the event query, or {@code ""}
   */
  private <K> Map<K, Counts> grouped(Handle handle, Selection selection,
      Function<SqlSelection, String> key, boolean keyOfVisit, String page, KeyReader<K> keys) {
    if (dialect.countsSessionsFirst()) {
      return groupedBySessionFirst(handle, selection, key, keyOfVisit, page, keys);
    }
    SqlSelection events = new SqlSelection(dialect, selection);
    String eventKey = key.apply(events);
    Map<K, Counts> counts = new LinkedHashMap<>();
    events.bindAll(handle.createQuery("SELECT " + eventKey + " AS k, "
            + EVENT_SUMS.formatted(events.goal()) + events.fromWhere() + " GROUP BY k" + page))
        .map((rs, ctx) -> {
          counts.put(keys.read(rs, "k"), Counts.builder().visitors(rs.getLong("visitors"))
              .pageviews(rs.getLong("pageviews")).events(rs.getLong("events"))
              .visits(rs.getLong("visits")).conversions(rs.getLong("conversions")).build());
          return null;
        })
        .list();
    if (counts.isEmpty()) {
      return counts;
    }
    SqlSelection visits = new SqlSelection(dialect, selection);
    String visitKey = key.apply(visits);
    Map<K, Counts> withSessions = new HashMap<>();
    visits.bindAll(handle.createQuery("SELECT m.k AS k, " + SESSION_SUMS
            + " FROM session s JOIN (SELECT " + visitKey + " AS k, e.session_id"
            + visits.fromWhere() + " GROUP BY k, e.session_id) m"
            + " ON m.session_id = s.session_id GROUP BY m.k"))
        .map((rs, ctx) -> {
          K k = keys.read(rs, "k");
          Counts c = counts.get(k);
          if (c != null) {
            withSessions.put(k, c.toBuilder().sessions(rs.getLong("sessions"))
                .sessionPageviews(rs.getLong("session_pageviews")).bounces(rs.getLong("bounces"))
                .durationSeconds(rs.getLong("duration")).build());
          }
          return null;
        })
        .list();
    counts.replaceAll((k, c) -> withSessions.getOrDefault(k, c));
    return counts;
  }

  /**
   * Runs one query: the selected events grouped by (key, session), then joined to their stored
   * sessions and grouped by key. A key or filter of the visit is read from the joined session, so
   * the events are grouped by session alone first; only then are events whose session is not
   * stored left out, as {@link SqlSelection#fromWhere()}'s join does.
   */
  private <K> Map<K, Counts> groupedBySessionFirst(Handle handle, Selection selection,
      Function<SqlSelection, String> key, boolean keyOfVisit, String page, KeyReader<K> keys) {
    SqlSelection sql = new SqlSelection(dialect, selection);
    String k = key.apply(sql);
    String parts = "SELECT " + (keyOfVisit ? "" : k + " AS k, ")
        + SESSION_PART.formatted(sql.goal()) + sql.eventsWhere() + " GROUP BY "
        + (keyOfVisit ? "" : "k, ")
        + "e.session_id, e.visitor_id";
    String query = "SELECT " + (keyOfVisit ? k : "m.k") + " AS k, " + PART_SUMS
        + " FROM (" + parts + ") m " + (sql.readsVisit() ? "JOIN" : "LEFT JOIN")
        + " session v ON v.session_id = m.session_id" + sql.visitWhere() + " GROUP BY k" + page;
    Map<K, Counts> counts = new LinkedHashMap<>();
    sql.bindAll(handle.createQuery(query))
        .map((rs, ctx) -> {
          counts.put(keys.read(rs, "k"), Counts.builder().visitors(rs.getLong("visitors"))
              .pageviews(rs.getLong("pageviews")).events(rs.getLong("events"))
              .visits(rs.getLong("visits")).conversions(rs.getLong("conversions"))
              .sessions(rs.getLong("sessions")).sessionPageviews(rs.getLong("session_pageviews"))
              .bounces(rs.getLong("bounces")).durationSeconds(rs.getLong("duration")).build());
          return null;
        })
        .list();
    return counts;
  }

  /**
   * Returns the SQL of an event's bucket key: its local epoch second (epoch second plus the
   * offset in force, from {@link TimeBuckets#offsets}) divided down to the unit.
   */
  private String bucket(SqlSelection sql, Selection selection, TimeBuckets buckets) {
    List<TimeBuckets.OffsetChange> offsets = buckets.offsets(selection.from(), selection.to());
    StringBuilder offset = new StringBuilder();
    if (offsets.size() == 1) {
      offset.append(offsets.get(0).offsetSeconds());
    } else {
      offset.append("CASE");
      for (int i = offsets.size() - 1; i > 0; i--) {
        offset.append(" WHEN e.timestamp >= :").append(sql.bind(dialect.bind(offsets.get(i).from())))
            .append(" THEN ").append(offsets.get(i).offsetSeconds());
      }
      offset.append(" ELSE ").append(offsets.get(0).offsetSeconds()).append(" END");
    }
    String local = "(" + dialect.epochSeconds("e.timestamp") + " + " + offset + ")";
    String day = dialect.divide(local, 86_400);
    return switch (buckets.unit()) {
      case MINUTE -> dialect.divide(local, 60);
      case HOUR -> dialect.divide(local, 3_600);
      case DAY -> day;
      case WEEK -> DayBuckets.week(day);
      case MONTH -> DayBuckets.month(day, buckets.monthStarts(selection.from(), selection.to()));
    };
  }
}
