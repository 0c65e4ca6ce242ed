package dev.footfall;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Metrics over a whole period.
 *
 * @param siteId the site
 * @param range the days counted, in the site's timezone
 * @param previousRange the days compared with, or {@code null} when not compared
 * @param metrics the asked-for metrics, in {@link Metric} order
 * @since 0.1
 */
public record AggregateReport(String siteId, DateRange range, DateRange previousRange,
    Map<Metric, MetricValue> metrics) {

  /** Copies the metrics. */
  public AggregateReport {
    metrics = Collections.unmodifiableMap(new EnumMap<>(metrics));
  }
}
