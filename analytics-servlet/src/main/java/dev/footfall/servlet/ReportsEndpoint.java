package dev.footfall.servlet;

import dev.footfall.Dimension;
import dev.footfall.Metric;
import dev.footfall.ReportQuery;
import dev.footfall.Reports;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /admin/websites/{id}/analytics/{report}}: {@code overview}, {@code timeseries},
 * {@code realtime}, the breakdowns {@code pages} ({@code type=top|entry|exit}), {@code referrers}
 * ({@code type=sources|referrers|utm_source|utm_medium|utm_campaign|utm_content|utm_term}), {@code
 * locations}, {@code devices} ({@code type=device|browser|os}), {@code breakdown} by any
 * {@code dimension}, {@code goals} (each goal's conversions), {@code funnel} ({@code
 * funnel=<name>}: visitors at each step) and {@code props} (the prop keys seen).
 */
final class ReportsEndpoint {
  static final List<String> REPORTS = List.of("overview", "timeseries", "realtime", "pages",
      "referrers", "locations", "devices", "breakdown", "goals", "funnel", "props");
  private static final List<Metric> BREAKDOWN_METRICS = List.of(Metric.VISITORS,
      Metric.PAGEVIEWS, Metric.VISITS, Metric.BOUNCE_RATE, Metric.VISIT_DURATION);
  private static final List<Metric> TIMESERIES_METRICS = List.of(Metric.VISITORS,
      Metric.PAGEVIEWS, Metric.VISITS);

  private final Reports reports;

  ReportsEndpoint(Reports reports) {
    this.reports = reports;
  }

  /**
   * Returns the report's JSON body.
   *
   * @throws IllegalArgumentException for an unknown report or a bad parameter
   * @throws dev.footfall.UnknownSiteException for an unknown site
   */
  Map<String, Object> report(String siteId, String report, QueryParameters parameters) {
    if (report.equals("realtime")) {
      parameters.allowOnly(Set.of());
      return ReportJson.realtime(reports.realtime(siteId));
    }
    ReportQuery.Builder query = report.equals("funnel")
        ? ReportParameters.query(siteId, parameters, Set.of("funnel"))
        : ReportParameters.query(siteId, parameters);
    boolean metricsGiven = parameters.get("metrics").isPresent();
    switch (report) {
      case "overview" -> {
        return ReportJson.aggregate(reports.aggregate(
            query.compare(parameters.booleanValue("compare", true)).build()));
      }
      case "goals" -> {
        try {
          return ReportJson.goals(reports.goals(query.build()));
        } catch (UnsupportedOperationException e) {
          throw new ConflictException(e.getMessage()); // a storage that keeps no goals
        }
      }
      case "funnel" -> {
        String funnel = parameters.get("funnel").orElseThrow(() -> new IllegalArgumentException(
            "funnel report needs a funnel parameter (its name)"));
        try {
          return ReportJson.funnel(reports.funnel(query.build(), funnel));
        } catch (UnsupportedOperationException e) {
          throw new ConflictException(e.getMessage());
        }
      }
      case "props" -> {
        return ReportJson.propKeys(siteId, reports.propKeys(query.build()));
      }
      case "timeseries" -> {
        if (!metricsGiven) {
          query.metrics(TIMESERIES_METRICS);
        }
        return ReportJson.timeseries(reports.timeseries(query.build()));
      }
      default -> {
        if (!metricsGiven) {
          query.metrics(BREAKDOWN_METRICS);
        }
        query.breakdown(dimension(report, parameters));
        return ReportJson.breakdown(reports.breakdown(query.build()));
      }
    }
  }

  private static Dimension dimension(String report, QueryParameters parameters) {
    return switch (report) {
      case "pages" -> switch (type(parameters, "top", "top", "entry", "exit")) {
        case "entry" -> Dimension.ENTRY_PAGE;
        case "exit" -> Dimension.EXIT_PAGE;
        default -> Dimension.PAGE;
      };
      case "referrers" -> switch (type(parameters, "sources", "sources", "referrers",
          "utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")) {
        case "sources" -> Dimension.SOURCE;
        case "referrers" -> Dimension.REFERRER;
        default -> Dimension.fromKey(parameters.get("type").orElseThrow());
      };
      case "locations" -> Dimension.COUNTRY;
      case "devices" -> Dimension.fromKey(type(parameters, "device", "device", "browser", "os"));
      case "breakdown" -> Dimension.fromKey(parameters.get("dimension").orElseThrow(
          () -> new IllegalArgumentException("breakdown needs a dimension parameter")));
      default -> throw new IllegalArgumentException("report must be one of "
          + String.join(", ", REPORTS) + " but was '" + report + "'");
    };
  }

  private static String type(QueryParameters parameters, String defaultType, String... allowed) {
    String type = parameters.get("type").orElse(defaultType);
    if (!List.of(allowed).contains(type)) {
      throw new IllegalArgumentException("type must be one of " + String.join(", ", allowed)
          + " but was '" + type + "'");
    }
    return type;
  }
}
