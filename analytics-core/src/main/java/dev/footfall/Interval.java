package dev.footfall;

import dev.footfall.internal.EnumKeys;
import java.util.Objects;

/**
 * The bucket size of a timeseries, in the site's timezone. Weeks start on Monday.
 *
 * @since 0.1
 */
public enum Interval {
  HOUR, DAY, WEEK, MONTH;

  /** Returns the name used in JSON and query strings, such as {@code day}. */
  public String key() {
    return EnumKeys.key(this);
  }

  /**
   * Returns the interval with this {@linkplain #key() key}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Interval fromKey(String key) {
    return EnumKeys.fromKey(Interval.class, Objects.requireNonNull(key, "key"), "interval");
  }
}
