package dev.footfall.spi;

import dev.footfall.StorageException;

/**
 * A write's {@link LogPosition} did not match the stored one: another instance has stored that
 * partition since this one read its position (it took the partition over in a rebalance). Nothing
 * of the write was stored; the writer resumes from the stored position.
 *
 * @since 0.3
 */
public final class LogPositionConflictException extends StorageException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception for the partition whose stored position differed. */
  public LogPositionConflictException(String partition) {
    super("the stored position of log partition '" + partition + "' is not the one this write"
        + " expected: another instance stored it first", null);
  }
}
