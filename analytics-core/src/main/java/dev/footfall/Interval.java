package dev.footfall;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The bucket size of a timeseries, in the site's timezone. Weeks start on Monday.
 *
 * @since 0.1
 */
public enum Interval {
  HOUR, DAY, WEEK, MONTH;

  /** Returns the name used in JSON and query strings, such as {@code day}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the interval with this {@linkplain #key() key}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Interval fromKey(String key) {
    Objects.requireNonNull(key, "key");
    for (Interval interval : values()) {
      if (interval.key().equals(key)) {
        return interval;
      }
    }
    throw new IllegalArgumentException("interval must be one of " + Arrays.stream(values())
        .map(Interval::key).collect(Collectors.joining(", ")) + " but was '" + key + "'");
  }
}
