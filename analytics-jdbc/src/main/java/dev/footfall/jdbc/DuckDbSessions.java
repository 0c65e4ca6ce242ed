package dev.footfall.jdbc;

import dev.footfall.Session;
import dev.footfall.Utm;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Upserts sessions into DuckDB's {@code session} table with one statement per write: the sessions
 * are appended with DuckDB's Appender to a temporary table of the write's connection, then merged
 * by a single {@code INSERT ... SELECT ... ON CONFLICT DO UPDATE}. A JDBC batch of upserts runs
 * each row as its own statement on DuckDB (milliseconds each), which made writes that carry
 * thousands of sessions last seconds; this runs in one pass. Like {@link DuckDbEvents}, loaded
 * only when the database is DuckDB.
 *
 * <p>Everything happens in the write's transaction: the temporary table is created, filled and
 * dropped with it, and its rows are committed or rolled back with the write's events. As with one
 * upsert after the other, the newest of the snapshots given for one id is kept, and it replaces a
 * stored row only if that one is not newer ({@link Session#isNewer}, {@link Dialect#newerSession}).
 */
final class DuckDbSessions {
  private static final String STAGE = "footfall_session_upsert";
  private static final String COLUMNS = Columns.list(Columns.SESSION);
  private static final String MERGE = "INSERT INTO session (" + COLUMNS + ") SELECT " + COLUMNS
      + " FROM temp.main." + STAGE + " ON CONFLICT (session_id) DO UPDATE SET "
      + String.join(", ", Columns.SESSION.stream()
          .filter(column -> !column.equals("session_id"))
          .map(column -> column + " = EXCLUDED." + column)
          .toList())
      + " WHERE " + Dialect.newerSession("session", "EXCLUDED");

  private DuckDbSessions() {}

  /** Inserts or replaces the sessions, in the connection's transaction. */
  static void upsert(Connection connection, Collection<Session> sessions) throws SQLException {
    if (sessions.isEmpty()) {
      return;
    }
    Map<Long, Session> byId = new LinkedHashMap<>();
    for (Session session : sessions) {
      byId.merge(session.sessionId(), session,
          (kept, given) -> Session.isNewer(kept, given) ? kept : given);
    }
    try (Statement statement = connection.createStatement()) {
      // The session table's own column types, in the order the rows are appended.
      statement.execute("CREATE OR REPLACE TEMPORARY TABLE " + STAGE + " AS SELECT " + COLUMNS
          + " FROM session LIMIT 0");
      try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
          .createAppender("temp", "main", STAGE)) {
        for (Session session : byId.values()) {
          appendRow(appender, session);
        }
        appender.flush();
      }
      statement.execute(MERGE);
      statement.execute("DROP TABLE temp.main." + STAGE);
    }
  }

  private static void appendRow(DuckDBAppender appender, Session s) throws SQLException {
    appender.beginRow()
        .append(s.sessionId())
        .append(s.siteId())
        .append(s.visitorId())
        .append(s.entryPage())
        .append(s.exitPage())
        .append(s.pageviews())
        .append(s.events())
        .append(s.durationSeconds())
        .append(s.bounce())
        .append(s.referrer())
        .append(s.referrerSource());
    Utm utm = s.utm();
    appender.append(utm.source())
        .append(utm.medium())
        .append(utm.campaign())
        .append(utm.content())
        .append(utm.term())
        .append(s.country())
        .append(s.deviceType())
        .append(s.browser())
        .append(s.os())
        .append(local(s.startedAt()))
        .append(local(s.lastActivityAt()));
    if (s.endedAt().isPresent()) {
      appender.append(local(s.endedAt().get()));
    } else {
      appender.appendNull();
    }
    appender.append(s.owner());
    appender.endRow();
  }

  private static LocalDateTime local(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
