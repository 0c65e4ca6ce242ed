package dev.footfall;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Metrics for each combination of several dimensions' values and, optionally, time buckets: a
 * breakdown by more than one dimension at once, as Plausible's Stats API asks for. Only groups
 * that have events are listed (see {@link #timeLabels()} for every bucket of the period).
 *
 * @param siteId the site
 * @param range the days counted, in the site's timezone
 * @param dimensions the dimensions grouped by, in the order asked
 * @param interval the time bucket size, if grouped by time
 * @param timeLabels when grouped by time, the label of every bucket of the period in time order
 *     (the same labels as {@link TimeseriesReport.Point#start()}); empty otherwise
 * @param rows the groups, ordered by bucket, then by their values
 * @param revenueWarning why the rows carry no revenue, when they cannot: the grouping has
 *     dimensions other than the goal or time buckets, or there is neither a goal filter nor the goal
 *     dimension, or the goals filtered on have no revenue or several currencies
 * @param imported how the report used the site's imported stats (since 0.4)
 * @since 0.3
 */
public record GroupsReport(String siteId, DateRange range, List<Dimension> dimensions,
    Optional<Interval> interval, List<LocalDateTime> timeLabels, List<Row> rows,
    Optional<String> revenueWarning, ImportedData imported) {

  /** Copies the lists. */
  public GroupsReport {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(range, "range");
    dimensions = List.copyOf(dimensions);
    Objects.requireNonNull(interval, "interval");
    timeLabels = List.copyOf(timeLabels);
    rows = List.copyOf(rows);
    Objects.requireNonNull(revenueWarning, "revenueWarning");
    Objects.requireNonNull(imported, "imported");
  }

  /** Creates a report of a range without imported stats. */
  public GroupsReport(String siteId, DateRange range, List<Dimension> dimensions,
      Optional<Interval> interval, List<LocalDateTime> timeLabels, List<Row> rows,
      Optional<String> revenueWarning) {
    this(siteId, range, dimensions, interval, timeLabels, rows, revenueWarning,
        ImportedData.NONE);
  }

  /**
   * One group.
   *
   * @param values the group's value of each dimension, in the report's order; an empty value is
   *     the dimension's {@linkplain Dimension#emptyLabel() empty label}, a goal's value its name
   * @param start the bucket's label when grouped by time
   * @param metrics the asked-for metrics; {@link Metric#CONVERSION_RATE} is there whenever a goal
   *     is filtered on or grouped by: the group's converted visitors as a percentage of all the
   *     period's visitors (with the filters other than on goals), 1 decimal
   * @param revenue the revenue of the group's conversions, when the group is one revenue goal or
   *     a filter selects revenue goals of one currency and there is no other grouping
   */
  public record Row(List<String> values, Optional<LocalDateTime> start,
      Map<Metric, Number> metrics, Optional<GoalsReport.Revenue> revenue) {
    /** Copies the values and metrics. */
    public Row {
      values = List.copyOf(values);
      Objects.requireNonNull(start, "start");
      metrics = Map.copyOf(metrics);
      Objects.requireNonNull(revenue, "revenue");
    }
  }
}
