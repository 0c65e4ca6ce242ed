package dev.footfall;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics for each value of a dimension, most visitors first (then by value).
 *
 * @param siteId the site
 * @param range the days counted, in the site's timezone
 * @param dimension what the results are grouped by
 * @param results one page of results
 * @param imported how the report used the site's imported stats (since 0.4)
 * @since 0.1
 */
public record BreakdownReport(String siteId, DateRange range, Dimension dimension,
    List<Row> results, ImportedData imported) {

  /** Copies the results. */
  public BreakdownReport {
    results = List.copyOf(results);
    Objects.requireNonNull(imported, "imported");
  }

  /** Creates a report of a range without imported stats. */
  public BreakdownReport(String siteId, DateRange range, Dimension dimension, List<Row> results) {
    this(siteId, range, dimension, results, ImportedData.NONE);
  }

  /**
   * One value of the dimension and its metrics.
   *
   * @param value the value, or the dimension's {@linkplain Dimension#emptyLabel() empty label}
   * @param metrics the asked-for metrics, in {@link Metric} order
   */
  public record Row(String value, Map<Metric, Number> metrics) {}
}
