package dev.footfall.jdbc;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Runs a query whose {@code IN (<ids>)} names many ids. On the row stores the ids go in bound lists
 * of at most {@value #SIZE}, a chunk a query: looked up by an index, where H2 would scan a whole
 * table for an {@code IN (SELECT …)}, and within the bound parameters a statement may have. DuckDB
 * has no such index and scans the table for every query, so there the ids are loaded into a
 * temporary table ({@link DuckDbIds}) and the query runs once, as a join.
 */
final class IdChunks {
  static final int SIZE = 1_000;

  private IdChunks() {}

  /**
   * Passes {@code action} the query {@code sql} for the ids: one query per chunk, or on DuckDB one
   * query for all. {@code action} binds the query's other values and reads its rows; it must not
   * run another lookup of ids on the same handle while it reads.
   */
  static void query(Handle handle, Dialect dialect, List<Long> ids, String sql,
      Consumer<Query> action) {
    if (ids.isEmpty()) {
      return;
    }
    if (dialect == Dialect.DUCKDB) {
      try {
        DuckDbIds.load(handle.getConnection(), ids);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot hold the ids in a temporary table", e);
      }
      try {
        action.accept(handle.createQuery(sql.replace("<ids>", DuckDbIds.SELECT)));
      } catch (RuntimeException e) {
        dropIds(handle).ifPresent(e::addSuppressed);
        throw e;
      }
      dropIds(handle).ifPresent(failure -> {
        throw new IllegalStateException("cannot drop the temporary id table", failure);
      });
      return;
    }
    for (int i = 0; i < ids.size(); i += SIZE) {
      action.accept(handle.createQuery(sql).bindList("ids", ids.subList(i,
          Math.min(ids.size(), i + SIZE))));
    }
  }

  /** Drops the connection's id table; returns the failure if that failed. */
  private static Optional<SQLException> dropIds(Handle handle) {
    try {
      DuckDbIds.drop(handle.getConnection());
      return Optional.empty();
    } catch (SQLException e) {
      return Optional.of(e);
    }
  }
}
