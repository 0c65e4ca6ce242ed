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
  CONVERSION_RATE,
  /**
   * A page's scroll depth: the mean over its visitors with an {@linkplain EventType#ENGAGEMENT
   * engagement} there of each one's deepest scroll on it, in percent, rounded (half up); {@code
   * null} when no visitor has one. Only in a page breakdown or an aggregate filtered to one page
   * ({@code page is …}); filters on the event name or a prop, and the goal, do not apply to it.
   *
   * @since 0.3
   */
  SCROLL_DEPTH,
  /**
   * A page's time on page: the engaged time of all {@linkplain EventType#ENGAGEMENT engagements}
   * there ÷ the distinct visitors they came from, in seconds, rounded (half up); {@code null} when
   * no visitor has one. Available where {@link #SCROLL_DEPTH} is.
   *
   * @since 0.3
   */
  TIME_ON_PAGE;

  /**
   * Returns whether the metric is counted from engagements, per page: {@link #SCROLL_DEPTH} and
   * {@link #TIME_ON_PAGE}.
   *
   * @since 0.3
   */
  public boolean ofPage() {
    return this == SCROLL_DEPTH || this == TIME_ON_PAGE;
  }

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
