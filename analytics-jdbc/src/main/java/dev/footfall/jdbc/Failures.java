package dev.footfall.jdbc;

import dev.footfall.StorageException;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Turns database failures into {@link StorageException}s that are safe to log. Driver messages can
 * quote the values of a failed row (a duplicate key, say), which could be event payload, so the
 * original exception is not kept: only its type, SQLState and vendor code.
 */
final class Failures {
  private Failures() {}

  /** Runs a storage operation, turning any failure into a {@link StorageException}. */
  static <T> T call(String operation, Supplier<T> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      throw storageException(operation, e);
    }
  }

  static StorageException storageException(String operation, Throwable failure) {
    SQLException sql = null;
    for (Throwable t = failure; t != null && sql == null; t = t.getCause()) {
      if (t instanceof SQLException) {
        sql = (SQLException) t;
      }
    }
    String detail = sql == null
        ? failure.getClass().getName()
        : sql.getClass().getName() + ", SQLState " + sql.getSQLState() + ", vendor code "
            + sql.getErrorCode();
    return new StorageException("cannot " + operation + " (" + detail + ")", null,
        sql == null ? null : sql.getSQLState());
  }

  /**
   * Returns whether a failure is DuckDB's write-write conflict: of two transactions that update one
   * row, the later fails with it (no SQLState) instead of waiting for the other to end.
   */
  static boolean isWriteConflict(SQLException failure) {
    return String.valueOf(failure.getMessage())
        .startsWith("TransactionContext Error: Conflict on update");
  }

  /** Returns whether a failure is a unique-key violation (SQLState class 23, integrity). */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        return sql.getSQLState().startsWith("23");
      }
      // DuckDB's driver gives no SQLState for it; its message starts with the kind of error. Two
      // transactions that insert one key both succeed at first, and the later fails at commit.
      if (t instanceof SQLException sql) {
        String message = String.valueOf(sql.getMessage());
        if (message.startsWith("Constraint Error: Duplicate key")
            || message.startsWith("TransactionContext Error: Failed to commit: PRIMARY KEY or"
                + " UNIQUE constraint violation")) {
          return true;
        }
      }
    }
    return false;
  }
}
