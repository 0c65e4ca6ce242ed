package dev.footfall.email;

import dev.footfall.AggregateReport;
import dev.footfall.Analytics;
import dev.footfall.BreakdownReport;
import dev.footfall.DateRange;
import dev.footfall.Dimension;
import dev.footfall.Interval;
import dev.footfall.Metric;
import dev.footfall.MetricValue;
import dev.footfall.Period;
import dev.footfall.ReportCadence;
import dev.footfall.ReportQuery;
import dev.footfall.Site;
import dev.footfall.TimeseriesReport;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The numbers of one site's report for one period, read from {@link Analytics#reports()}: exactly
 * what the admin API's overview, breakdowns and timeseries answer for the same custom period.
 *
 * @param headline visitors, pageviews, bounce rate and visit duration, each with the previous
 *     period of equal length
 * @param pages the top pages by visitors
 * @param sources the top sources by visitors
 * @param countries the top countries by visitors
 * @param days the visitors of each day of the period, in order
 */
record Summary(Site site, ReportCadence cadence, DateRange period,
    Map<Metric, MetricValue> headline, List<Row> pages, List<Row> sources, List<Row> countries,
    List<Day> days) {
  /** The metrics of the headline, in the order they are shown. */
  static final List<Metric> HEADLINE = List.of(Metric.VISITORS, Metric.PAGEVIEWS,
      Metric.BOUNCE_RATE, Metric.VISIT_DURATION);
  /** How many rows each top list shows. */
  static final int TOP = 5;

  /** A value of a breakdown and its visitors. */
  record Row(String value, long visitors) {}

  /** A day and its visitors. */
  record Day(LocalDate date, long visitors) {}

  /** Reads the summary of the site's period from the reports. */
  static Summary of(Analytics analytics, Site site, ReportCadence cadence, DateRange period) {
    Period custom = Period.custom(period.from(), period.to());
    AggregateReport aggregate = analytics.reports().aggregate(ReportQuery.builder(site.id())
        .period(custom).metrics(HEADLINE).compare(true).build());
    TimeseriesReport series = analytics.reports().timeseries(ReportQuery.builder(site.id())
        .period(custom).metrics(Metric.VISITORS).interval(Interval.DAY).build());
    List<Day> days = series.results().stream().map(point -> new Day(point.start().toLocalDate(),
        point.metrics().get(Metric.VISITORS).longValue())).toList();
    return new Summary(site, cadence, period, aggregate.metrics(),
        top(analytics, site, custom, Dimension.PAGE), top(analytics, site, custom,
            Dimension.SOURCE), top(analytics, site, custom, Dimension.COUNTRY), days);
  }

  private static List<Row> top(Analytics analytics, Site site, Period period,
      Dimension dimension) {
    BreakdownReport report = analytics.reports().breakdown(ReportQuery.builder(site.id())
        .period(period).metrics(Metric.VISITORS).breakdown(dimension).limit(TOP).build());
    return report.results().stream().map(row -> new Row(row.value(),
        row.metrics().get(Metric.VISITORS).longValue())).toList();
  }
}
