package dev.footfall;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics per time bucket over a period, every bucket present (zeros where nothing happened).
 *
 * @param siteId the site
 * @param range the days counted, in the site's timezone
 * @param interval the bucket size
 * @param results the buckets in time order
 * @param imported how the report used the site's imported stats (since 0.4)
 * @since 0.1
 */
public record TimeseriesReport(String siteId, DateRange range, Interval interval,
    List<Point> results, ImportedData imported) {

  /** Copies the results. */
  public TimeseriesReport {
    results = List.copyOf(results);
    Objects.requireNonNull(imported, "imported");
  }

  /** Creates a report of a range without imported stats. */
  public TimeseriesReport(String siteId, DateRange range, Interval interval,
      List<Point> results) {
    this(siteId, range, interval, results, ImportedData.NONE);
  }

  /**
   * One bucket.
   *
   * @param start the bucket's first local time within the range (midnight unless hourly; a week
   *     or month that began before the range is labelled with the range's first day)
   * @param metrics the asked-for metrics, in {@link Metric} order
   */
  public record Point(LocalDateTime start, Map<Metric, Number> metrics) {}
}
