package dev.footfall;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics over a whole period.
 *
 * @param siteId the site
 * @param range the days counted, in the site's timezone
 * @param previousRange the days compared with, or {@code null} when not compared
 * @param metrics the asked-for metrics, in {@link Metric} order
 * @param imported how the report used the site's imported stats (since 0.4)
 * @since 0.1
 */
public record AggregateReport(String siteId, DateRange range, DateRange previousRange,
    Map<Metric, MetricValue> metrics, ImportedData imported) {

  /** Copies the metrics. */
  public AggregateReport {
    metrics = Collections.unmodifiableMap(new EnumMap<>(metrics));
    Objects.requireNonNull(imported, "imported");
  }

  /** Creates a report of a range without imported stats. */
  public AggregateReport(String siteId, DateRange range, DateRange previousRange,
      Map<Metric, MetricValue> metrics) {
    this(siteId, range, previousRange, metrics, ImportedData.NONE);
  }
}
