package dev.footfall;

import dev.footfall.internal.EnumKeys;
import java.util.Objects;

/**
 * A number a report can show; the definitions are those of Footfall's design and are exact.
 *
 * @since 0.1
 */
public enum Metric {
  /** Distinct visitors among the matching events. */
  VISITORS,
  /** Sessions with at least one matching event. */
  VISITS,
  /** Matching pageview events. */
  PAGEVIEWS,
  /** Matching events of any type. */
  EVENTS,
  /** Pageviews of the visits ÷ visits, 2 decimals. */
  VIEWS_PER_VISIT,
  /** Percentage of the visits that bounced, rounded to an integer. */
  BOUNCE_RATE,
  /** Mean visit duration in seconds, rounded; a bounce counts as 0. */
  VISIT_DURATION,
  /** Percentage of visitors who did the query's goal event, 1 decimal. */
  CONVERSION_RATE;

  /** Returns the name used in JSON and query strings, such as {@code bounce_rate}. */
  public String key() {
    return EnumKeys.key(this);
  }

  /**
   * Returns the metric with this {@linkplain #key() key}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Metric fromKey(String key) {
    return EnumKeys.fromKey(Metric.class, Objects.requireNonNull(key, "key"), "metric");
  }
}
