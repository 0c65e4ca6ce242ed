package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.spi.ForwardingStorage;
import dev.footfall.spi.Storage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One fresh database for a test class, as {@code STYLE.md} has it: migrated once, with one
 * connection pool, dropped after the class. Each test gets it {@linkplain #emptied() emptied}:
 * every row of every table deleted (Flyway's history kept, and the identities going on), which on
 * PostgreSQL and MariaDB takes a fraction of the time of creating and migrating a database.
 */
final class ClassDatabase implements AutoCloseable {
  private static final String HISTORY = "footfall_schema_history";

  private final TestDatabases.Fresh database;
  private final JdbiStorage storage;

  private ClassDatabase(TestDatabases.Fresh database, JdbiStorage storage) {
    this.database = database;
    this.storage = storage;
  }

  /** Opens a pool on the fresh database, migrating it. */
  static ClassDatabase open(TestDatabases.Fresh database) {
    JdbiStorage storage;
    try {
      storage = database.open();
    } catch (RuntimeException e) {
      database.drop();
      throw e;
    }
    return new ClassDatabase(database, storage);
  }

  /**
   * Deletes every row of every table and returns the storage, checked to be empty; its {@code
   * close()} leaves the pool open for the next test.
   */
  Storage emptied() {
    try {
      empty();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the " + database.kind() + " test database", e);
    }
    return new ForwardingStorage(storage) {
      @Override
      public void close() {
        // The pool is the class's, closed after its last test.
      }
    };
  }

  private void empty() throws SQLException {
    storage.jdbi().useHandle(handle -> {
      Connection connection = handle.getConnection();
      List<String> tables = tables(connection);
      assertThat(tables).as("the tables of the migrated database").contains("event", "session");
      try (Statement statement = connection.createStatement()) {
        for (String table : tables) {
          statement.executeUpdate("DELETE FROM " + table);
        }
        for (String table : tables) {
          try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rows.next();
            assertThat(rows.getLong(1)).as("rows left in %s", table).isZero();
          }
        }
      }
    });
  }

  /** Returns the tables of the database's schema but Flyway's history. */
  private static List<String> tables(Connection connection) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(),
        connection.getSchema(), "%", new String[] {"TABLE"})) {
      while (rs.next()) {
        String table = rs.getString("TABLE_NAME");
        if (!table.toLowerCase(Locale.ROOT).equals(HISTORY)) {
          tables.add(table);
        }
      }
    }
    return tables;
  }

  /** Closes the pool and drops the database. */
  @Override
  public void close() {
    try {
      storage.close();
    } finally {
      database.drop();
    }
  }
}
