package dev.footfall.jdbc;

import dev.footfall.Event;
import dev.footfall.Revenue;
import dev.footfall.Utm;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends events to DuckDB's {@code event} table with DuckDB's Appender, which loads rows column by
 * column instead of running one insert per row as a JDBC batch does (on DuckDB, a batch costs
 * about as much as single inserts). Only this class uses the DuckDB driver, an optional dependency
 * of this module: it is loaded only when the database is DuckDB.
 *
 * <p>The appender works on the write's connection, inside its transaction: its rows are committed
 * with the write's session upserts or rolled back with them, so a write that fails and is retried
 * does not store its events twice. The ids are taken from the {@code event_id} sequence first, in
 * ascending order, as {@code DEFAULT nextval} would give them.
 */
final class DuckDbEvents {
  private DuckDbEvents() {}

  /** Appends the events in the table's column order: {@code id}, then {@link Columns#EVENT}. */
  static void append(Connection connection, List<Event> events) throws SQLException {
    if (events.isEmpty()) {
      return;
    }
    long[] ids = nextIds(connection, events.size());
    try (DuckDBAppender appender =
        connection.unwrap(DuckDBConnection.class).createAppender("main", "event")) {
      for (int i = 0; i < ids.length; i++) {
        appendRow(appender, ids[i], events.get(i));
      }
      appender.flush();
    }
  }

  private static void appendRow(DuckDBAppender appender, long id, Event e) throws SQLException {
    appender.beginRow()
        .append(id)
        .append(e.siteId())
        .append(e.type().wireName())
        .append(e.name())
        .append(e.hostname())
        .append(e.pathname())
        .append(e.referrer())
        .append(e.referrerSource());
    Utm utm = e.utm();
    appender.append(utm.source())
        .append(utm.medium())
        .append(utm.campaign())
        .append(utm.content())
        .append(utm.term())
        .append(e.visitorId())
        .append(e.sessionId())
        .append(e.browser())
        .append(e.browserVersion())
        .append(e.os())
        .append(e.osVersion())
        .append(e.deviceType())
        .append(e.country())
        .append(e.interactive())
        .append(Rows.toJson(e.props()))
        .append(LocalDateTime.ofInstant(e.timestamp(), ZoneOffset.UTC));
    Revenue revenue = e.revenue().orElse(null);
    if (revenue != null) {
      // The appender takes a decimal only at the column's own scale.
      appender.append(revenue.amount().setScale(Revenue.MAX_FRACTION_DIGITS))
          .append(revenue.currency().getCurrencyCode());
    } else {
      appender.appendNull().appendNull();
    }
    appender.endRow();
  }

  private static long[] nextIds(Connection connection, int count) throws SQLException {
    long[] ids = new long[count];
    try (PreparedStatement next =
        connection.prepareStatement("SELECT nextval('event_id') FROM range(?)")) {
      next.setLong(1, count);
      try (ResultSet rs = next.executeQuery()) {
        for (int i = 0; i < count; i++) {
          if (!rs.next()) {
            throw new SQLException("the event_id sequence gave " + i + " of " + count + " ids");
          }
          ids[i] = rs.getLong(1);
        }
      }
    }
    Arrays.sort(ids);
    return ids;
  }
}
