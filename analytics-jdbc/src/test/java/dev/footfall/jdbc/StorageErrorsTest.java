package dev.footfall.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.footfall.StorageException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** What a storage failure carries: the SQLState and vendor code, never a value from the SQL. */
final class StorageErrorsTest {

  @Test
  void storageException_keepsStateAndCodeButNeitherMessageNorCause() {
    SQLException driver = new BatchUpdateException(
        "Batch entry 0 INSERT INTO event VALUES ('/leak-canary-7f3a') was aborted", "23505", 7,
        new int[0], new SQLException("Detail: Key (pathname)=(/leak-canary-7f3a) already exists"));

    StorageException e = Failures.storageException("write 1 events",
        new IllegalStateException("wrapped: " + driver.getMessage(), driver));

    assertThat(e).hasMessage("cannot write 1 events (java.sql.BatchUpdateException, SQLState 23505,"
        + " vendor code 7)").hasNoCause();
    assertThat(e.sqlState()).contains("23505");
    assertThat(e.isDataError()).isTrue();
  }

  @Test
  void jdbi_rendersNoBoundValueIntoItsExceptions() {
    TestDatabases.Fresh database = TestDatabases.h2();
    try (JdbiStorage storage = database.open()) {
      Throwable failure = catchThrowable(() -> storage.jdbi().useHandle(h -> h
          .createUpdate("INSERT INTO no_such_table (pathname) VALUES (:pathname)")
          .bind("pathname", "/leak-canary-7f3a")
          .execute()));

      assertThat(failure).isNotNull();
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(t.getMessage()).doesNotContain("leak-canary-7f3a");
      }
    } finally {
      database.drop();
    }
  }
}
