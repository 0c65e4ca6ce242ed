package dev.footfall.servlet;

import dev.footfall.AggregateReport;
import dev.footfall.BreakdownReport;
import dev.footfall.DateRange;
import dev.footfall.Dimension;
import dev.footfall.FunnelReport;
import dev.footfall.GoalsReport;
import dev.footfall.ImportedData;
import dev.footfall.Interval;
import dev.footfall.Metric;
import dev.footfall.MetricValue;
import dev.footfall.RealtimeReport;
import dev.footfall.TimeseriesReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The admin API's report bodies, in the shapes of Footfall's design (snake_case, ISO dates). */
final class ReportJson {
  private ReportJson() {}

  static Map<String, Object> aggregate(AggregateReport report) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    report.metrics().forEach((metric, value) -> metrics.put(metric.key(), metricValue(value)));
    Map<String, Object> body = head(report.siteId(), report.range());
    if (report.previousRange() != null) {
      body.put("previous_period", period(report.previousRange()));
    }
    body.put("metrics", metrics);
    putImported(body, report.imported());
    return body;
  }

  private static Map<String, Object> metricValue(MetricValue value) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("value", value.value());
    json.put("previous", value.previous());
    json.put("change", value.change());
    return json;
  }

  static Map<String, Object> breakdown(BreakdownReport report) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (BreakdownReport.Row row : report.results()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("value", row.value());
      if (report.dimension().kind() == Dimension.Kind.COUNTRY) {
        json.put("name", countryName(row.value()));
      }
      putMetrics(json, row.metrics());
      results.add(json);
    }
    Map<String, Object> body = head(report.siteId(), report.range());
    body.put("dimension", report.dimension().key());
    body.put("results", results);
    putImported(body, report.imported());
    return body;
  }

  /**
   * {@code {"site_id", "period", "visitors", "results": [{"name", "event_name", "page_path",
   * "currency", "visitors", "events", "conversion_rate", "revenue": {"currency", "total",
   * "average"} | null}]}}: each goal's unique and total conversions.
   */
  static Map<String, Object> goals(GoalsReport report) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (GoalsReport.Row row : report.results()) {
      Map<String, Object> json = GoalsEndpoint.json(row.goal());
      json.put("visitors", row.visitors());
      json.put("events", row.events());
      json.put("conversion_rate", row.conversionRate());
      json.put("revenue", row.revenue().map(revenue -> {
        Map<String, Object> money = new LinkedHashMap<>();
        money.put("currency", revenue.currency().getCurrencyCode());
        money.put("total", revenue.total());
        money.put("average", revenue.average());
        return money;
      }).orElse(null));
      results.add(json);
    }
    Map<String, Object> body = head(report.siteId(), report.range());
    body.put("visitors", report.visitors());
    body.put("results", results);
    return body;
  }

  /**
   * {@code {"site_id", "period", "funnel", "visitors", "steps": [{"goal", "visitors", "dropoff",
   * "conversion_rate", "step_conversion_rate"}]}}.
   */
  static Map<String, Object> funnel(FunnelReport report) {
    List<Map<String, Object>> steps = new ArrayList<>();
    for (FunnelReport.Step step : report.steps()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("goal", step.goal());
      json.put("visitors", step.visitors());
      json.put("dropoff", step.dropoff());
      json.put("conversion_rate", step.conversionRate());
      json.put("step_conversion_rate", step.stepConversionRate());
      steps.add(json);
    }
    Map<String, Object> body = head(report.siteId(), report.range());
    body.put("funnel", report.funnel().name());
    body.put("visitors", report.visitors());
    body.put("steps", steps);
    return body;
  }

  /** {@code {"site_id", "results": [prop keys, the most used first]}}. */
  static Map<String, Object> propKeys(String siteId, List<String> keys) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site_id", siteId);
    body.put("results", keys);
    return body;
  }

  static Map<String, Object> timeseries(TimeseriesReport report) {
    List<Map<String, Object>> results = new ArrayList<>();
    for (TimeseriesReport.Point point : report.results()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("date", report.interval() == Interval.HOUR ? point.start().toString()
          : point.start().toLocalDate().toString());
      putMetrics(json, point.metrics());
      results.add(json);
    }
    Map<String, Object> body = head(report.siteId(), report.range());
    body.put("interval", report.interval().key());
    body.put("results", results);
    putImported(body, report.imported());
    return body;
  }

  static Map<String, Object> realtime(RealtimeReport report) {
    List<Map<String, Object>> minutes = new ArrayList<>();
    for (RealtimeReport.MinutePageviews minute : report.pageviewsByMinute()) {
      minutes.add(Map.of("minute", minute.minute().toString(), "pageviews", minute.pageviews()));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site_id", report.siteId());
    body.put("current_visitors", report.currentVisitors());
    body.put("pageviews_last_30_minutes", minutes);
    return body;
  }

  /** Returns a country's English name, such as {@code Germany} for {@code DE}. */
  static String countryName(String code) {
    if (code.length() != 2) {
      return "Unknown";
    }
    String name = new Locale("", code).getDisplayCountry(Locale.ENGLISH);
    return name.isEmpty() || name.equals(code) ? code : name;
  }

  /**
   * Adds {@code "imported": {"days": n}} to a report that includes imported stats, or {@code
   * {"days": 0, "skipped": "why"}} to one that left them out; nothing to a report of a range
   * without any.
   */
  private static void putImported(Map<String, Object> body, ImportedData imported) {
    if (imported.included() || imported.skipped().isPresent()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("days", imported.days());
      imported.skipped().ifPresent(reason -> json.put("skipped", reason));
      body.put("imported", json);
    }
  }

  private static void putMetrics(Map<String, Object> json, Map<Metric, Number> metrics) {
    metrics.forEach((metric, value) -> json.put(metric.key(), value));
  }

  private static Map<String, Object> head(String siteId, DateRange range) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("site_id", siteId);
    body.put("period", period(range));
    return body;
  }

  private static Map<String, Object> period(DateRange range) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", range.from().toString());
    json.put("to", range.to().toString());
    return json;
  }
}
