package dev.footfall.spi;

import java.util.Objects;

/**
 * How far one partition of an event log (cluster mode) has been stored: a write that stores the
 * partition's records from offset {@code from} up to, not including, {@code to} moves its stored
 * position from {@code from} to {@code to}, in the same transaction as the events and sessions.
 * Ingestion resumes a partition from its stored position, so that a record is stored once even
 * when the log delivers it again after a crash or a rebalance.
 *
 * @param partition the partition's name, unique across logs (such as {@code
 *     kafka:footfall-events:3}); at most {@value #MAX_NAME_LENGTH} characters
 * @param from the position the write expects to be stored, or {@link #NONE} if none may be stored
 *     yet
 * @param to the position stored by the write; at least {@code from}
 * @since 0.3
 */
public record LogPosition(String partition, long from, long to) {
  /** {@code from} for a partition that has no stored position yet. */
  public static final long NONE = -1;
  /** The longest partition name. */
  public static final int MAX_NAME_LENGTH = 200;

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the name is blank or too long, {@code from} is negative
   *     but not {@link #NONE}, or {@code to} is before {@code from} or negative
   */
  public LogPosition {
    Objects.requireNonNull(partition, "partition");
    if (partition.isBlank() || partition.length() > MAX_NAME_LENGTH) {
      throw new IllegalArgumentException("partition must be 1 to " + MAX_NAME_LENGTH
          + " characters and not blank but was '" + partition + "'");
    }
    if (from < NONE) {
      throw new IllegalArgumentException("from must be " + NONE + " (none) or at least 0 but was "
          + from);
    }
    if (to < 0 || to < from) {
      throw new IllegalArgumentException("to must be at least 0 and at least from (" + from
          + ") but was " + to);
    }
  }
}
