package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

/**
 * DuckDB reports a duplicate key without a SQLState, and when two transactions insert one key, the
 * later one fails only at its commit: both are unique violations (a lease race lost, not an error).
 */
final class FailuresTest {

  @Test
  void isUniqueViolation_duckDbDuplicateFoundAtCommit() throws SQLException {
    try (Connection first = DriverManager.getConnection("jdbc:duckdb:");
        Connection second = ((DuckDBConnection) first).duplicate()) {
      try (Statement create = first.createStatement()) {
        create.execute("CREATE TABLE lease (name VARCHAR PRIMARY KEY)");
      }
      first.setAutoCommit(false);
      second.setAutoCommit(false);
      insert(first);
      insert(second); // not seen yet: the first has not committed
      first.commit();

      SQLException lost = catchThrowableOfType(SQLException.class, second::commit);

      assertThat((Throwable) lost).as("the second commit").isNotNull();
      assertThat(Failures.isUniqueViolation(new RuntimeException(lost))).isTrue();
    }
  }

  @Test
  void isUniqueViolation_duckDbDuplicateOfACommittedKey() throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE TABLE lease (name VARCHAR PRIMARY KEY)");
      }
      insert(connection);

      SQLException duplicate = catchThrowableOfType(SQLException.class, () -> insert(connection));

      assertThat(Failures.isUniqueViolation(duplicate)).isTrue();
      assertThat(Failures.isUniqueViolation(new SQLException("Catalog Error: no such table")))
          .isFalse();
    }
  }

  private static void insert(Connection connection) throws SQLException {
    try (Statement insert = connection.createStatement()) {
      insert.execute("INSERT INTO lease VALUES ('race')");
    }
  }
}
