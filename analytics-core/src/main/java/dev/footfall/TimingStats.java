package dev.footfall;

import java.time.Duration;
import java.util.Objects;

/**
 * How many times an operation ran since {@link Analytics} was built, and the time it took in all;
 * a monitoring system derives rates and mean times from two readings.
 *
 * @param count how many times it ran (a failed run counts too)
 * @param total the time all those runs took
 * @since 0.4
 */
public record TimingStats(long count, Duration total) {
  /** No runs. */
  public static final TimingStats NONE = new TimingStats(0, Duration.ZERO);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException if the count or the total is negative
   */
  public TimingStats {
    Objects.requireNonNull(total, "total");
    if (count < 0 || total.isNegative()) {
      throw new IllegalArgumentException("count and total must not be negative but were " + count
          + " and " + total);
    }
  }

  /** Returns the mean time of a run, or zero when there was none. */
  public Duration mean() {
    return count == 0 ? Duration.ZERO : total.dividedBy(count);
  }
}
