package dev.footfall.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * A list of ids in a temporary table of one DuckDB connection, appended with DuckDB's Appender, for
 * {@link IdChunks}' lookups: a query then joins the table once instead of binding the ids. Like
 * {@link DuckDbEvents}, loaded only when the database is DuckDB.
 */
final class DuckDbIds {
  private static final String TABLE = "footfall_ids";
  /** The subquery that selects the loaded ids. */
  static final String SELECT = "SELECT id FROM temp.main." + TABLE;

  private DuckDbIds() {}

  /** Replaces the connection's id table with one holding {@code ids}. */
  static void load(Connection connection, List<Long> ids) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE OR REPLACE TEMPORARY TABLE " + TABLE + " (id BIGINT NOT NULL)");
    }
    try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
        .createAppender("temp", "main", TABLE)) {
      for (long id : ids) {
        appender.beginRow().append(id).endRow();
      }
      appender.flush();
    }
  }

  /** Drops the connection's id table. */
  static void drop(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS temp.main." + TABLE);
    }
  }
}
