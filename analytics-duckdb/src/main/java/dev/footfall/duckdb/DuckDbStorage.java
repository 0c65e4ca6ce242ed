package dev.footfall.duckdb;

import dev.footfall.StorageException;
import dev.footfall.jdbc.JdbiStorage;
import dev.footfall.spi.ForwardingStorage;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.jdbi.v3.core.Jdbi;

/**
 * The storage SPI on an embedded DuckDB database, a column store. Reports that day rollups cannot
 * answer (several filters, {@code is_not}, {@code contains}, props, hours) are counted from the
 * raw events in SQL, tens of times faster than on a row store; whole-day reports with no filter or
 * one {@code is} filter read the day rollups, as on every storage, since counting exact distinct
 * visitors and visits over millions of events takes seconds even in a column store (see
 * BENCHMARKS.md). {@link #open(Path)} opens or creates a database file; {@link #inMemory()} a database
 * that lives until {@link #close()}. The schema is created and upgraded by Flyway migrations, as
 * for {@link JdbiStorage}, whose stores and report SQL this storage runs; events are loaded with
 * DuckDB's Appender, in the transaction that upserts their sessions.
 *
 * <p>One process at a time owns a DuckDB file: opening a file that another process has open fails
 * with a {@link StorageException} saying so. Several application instances on one database need
 * PostgreSQL or MariaDB ({@link JdbiStorage#pooled}). Thread-safe.
 *
 * @since 0.1
 */
public final class DuckDbStorage extends ForwardingStorage {
  private final DuckDbConnections connections;
  private final JdbiStorage storage;

  private DuckDbStorage(DuckDbConnections connections, JdbiStorage storage) {
    super(storage);
    this.connections = connections;
    this.storage = storage;
  }

  /**
   * Opens (creating if needed) the DuckDB database file {@code path}, with the schema migrated to
   * this version.
   *
   * @throws StorageException if another process has the file open, or it cannot be opened or
   *     migrated
   */
  public static DuckDbStorage open(Path path) {
    Path file = Objects.requireNonNull(path, "path").toAbsolutePath();
    return connect("jdbc:duckdb:" + file, "the DuckDB file " + file);
  }

  /**
   * Creates a database in memory, which {@link #close()} discards; for tests and trials.
   *
   * @throws StorageException if DuckDB cannot be started
   */
  public static DuckDbStorage inMemory() {
    return connect("jdbc:duckdb:", "an in-memory DuckDB database");
  }

  private static DuckDbStorage connect(String url, String what) {
    DuckDbConnections connections;
    try {
      connections = new DuckDbConnections(
          (DuckDBConnection) new DuckDBDriver().connect(url, new Properties()));
    } catch (SQLException e) {
      throw openFailure(what, e);
    }
    try {
      return new DuckDbStorage(connections, JdbiStorage.create(connections));
    } catch (RuntimeException e) {
      try {
        connections.close();
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * Returns the exception for a database that does not open. DuckDB's message for a file that
   * another process holds names the file and that process; it carries no stored values.
   */
  private static StorageException openFailure(String what, SQLException e) {
    String message = String.valueOf(e.getMessage());
    if (message.contains("Could not set lock on file")) {
      return new StorageException("cannot open " + what + ": it is in use by another process."
          + " One process at a time owns a DuckDB file; several application instances on one"
          + " database need PostgreSQL or MariaDB", e);
    }
    return new StorageException("cannot open " + what + " (" + e.getClass().getName()
        + ", SQLState " + e.getSQLState() + ")", null, e.getSQLState());
  }

  /** Returns the Jdbi instance, for the application's own queries over Footfall's tables. */
  public Jdbi jdbi() {
    return storage.jdbi();
  }

  /**
   * Closes the database once the connections in use are closed.
   *
   * @throws StorageException if DuckDB fails to close it
   */
  @Override
  public void close() {
    storage.close();
    try {
      connections.close();
    } catch (SQLException e) {
      throw new StorageException("cannot close the DuckDB database (" + e.getClass().getName()
          + ")", null, e.getSQLState());
    }
  }
}
