package dev.footfall;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

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
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the metric with this {@linkplain #key() key}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static Metric fromKey(String key) {
    Objects.requireNonNull(key, "key");
    for (Metric metric : values()) {
      if (metric.key().equals(key)) {
        return metric;
      }
    }
    throw new IllegalArgumentException("metric must be one of " + Arrays.stream(values())
        .map(Metric::key).collect(Collectors.joining(", ")) + " but was '" + key + "'");
  }
}
