package dev.footfall;

import java.util.Optional;

/**
 * A storage operation failed. Messages never contain event payloads, IP addresses or User-Agents.
 *
 * @since 0.1
 */
public class StorageException extends AnalyticsException {
  private static final long serialVersionUID = 1L;

  private final String sqlState;

  /** Creates an exception with a message and the underlying cause, which may be {@code null}. */
  public StorageException(String message, Throwable cause) {
    this(message, cause, null);
  }

  /**
   * Creates an exception for a database error.
   *
   * @param sqlState the error's SQLState, or {@code null} if unknown
   */
  public StorageException(String message, Throwable cause, String sqlState) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  /** Returns the SQLState of the database error, if known. */
  public Optional<String> sqlState() {
    return Optional.ofNullable(sqlState);
  }

  /**
   * Returns whether the database refused the data itself (SQLState class 22, data exception, or 23,
   * integrity constraint violation): writing the same data again cannot succeed.
   */
  public boolean isDataError() {
    return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
  }
}
