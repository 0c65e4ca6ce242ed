package dev.footfall.duckdb;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;

/**
 * Connections to one open DuckDB database. DuckDB runs inside the process, so a pool would only
 * keep connections that cost nothing to make: each {@link #getConnection()} is a new {@link
 * DuckDBConnection#duplicate() duplicate} of the first connection, sharing its database, and
 * closing it closes only itself. The database closes when {@link #close()} has closed the first
 * connection and the last duplicate is closed.
 *
 * <p>Connections of one database may be used at once from several threads: DuckDB runs readers
 * beside a writer (multi-version concurrency), and of two transactions that update the same row,
 * the second to do so fails with a write conflict rather than waiting.
 */
final class DuckDbConnections implements DataSource, AutoCloseable {
  private final DuckDBConnection first;

  DuckDbConnections(DuckDBConnection first) {
    this.first = first;
  }

  @Override
  public synchronized Connection getConnection() throws SQLException {
    return first.duplicate();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public synchronized void close() throws SQLException {
    first.close();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    // Nothing is logged.
  }

  @Override
  public void setLoginTimeout(int seconds) {
    // Opening a duplicate never waits.
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("DuckDB connections log nothing");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
