package dev.footfall.jdbc;

import dev.footfall.spi.DayRollup;
import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends a day's rollup rows ({@code daily_rollup}) and recurring visitor ids ({@code
 * recurring_visitor}) with DuckDB's Appender: a JDBC batch runs each of a day's thousands of rows
 * as its own insert on DuckDB, which made rolling up a day take seconds. Works in the replace's
 * transaction, as {@link DuckDbEvents} does in a write's. Loaded only when the database is DuckDB.
 */
final class DuckDbRollupRows {
  private DuckDbRollupRows() {}

  /** Appends the rollup's rows, in {@code daily_rollup}'s column order. */
  static void appendRows(Connection connection, DayRollup rollup) throws SQLException {
    String site = rollup.day().siteId();
    int day = Math.toIntExact(rollup.day().date().toEpochDay());
    try (DuckDBAppender appender = appender(connection, "daily_rollup")) {
      for (var byDimension : rollup.rows().entrySet()) {
        for (var byValue : byDimension.getValue().entrySet()) {
          appender.beginRow().append(site).append(day).append(byDimension.getKey())
              .append(byValue.getKey());
          for (long count : JdbiRollupStore.counts(byValue.getValue())) {
            appender.append(count);
          }
          appender.endRow();
        }
      }
      appender.flush();
    }
  }

  /** Appends the rollup's recurring visitor ids to {@code recurring_visitor}. */
  static void appendRecurring(Connection connection, DayRollup rollup) throws SQLException {
    String site = rollup.day().siteId();
    int day = Math.toIntExact(rollup.day().date().toEpochDay());
    try (DuckDBAppender appender = appender(connection, "recurring_visitor")) {
      for (long visitor : rollup.recurringVisitors()) {
        appender.beginRow().append(site).append(day).append(visitor).endRow();
      }
      appender.flush();
    }
  }

  private static DuckDBAppender appender(Connection connection, String table)
      throws SQLException {
    return connection.unwrap(DuckDBConnection.class).createAppender("main", table);
  }
}
