package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.Condition;
import dev.footfall.DateRange;
import dev.footfall.Dimension;
import dev.footfall.Filter;
import dev.footfall.GoalsReport;
import dev.footfall.GroupsReport;
import dev.footfall.ImportedData;
import dev.footfall.Interval;
import dev.footfall.Metric;
import dev.footfall.Period;
import dev.footfall.ReportQuery;
import dev.footfall.Reports;
import dev.footfall.Site;
import dev.footfall.SiteRegistry;
import dev.footfall.UnknownSiteException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /api/v2/query}: Plausible's Stats API v2 over {@link Reports#groups}. A thin
 * adapter: it parses and validates the query, maps it to a {@link ReportQuery}, dimensions and an
 * interval, and writes Plausible's response shape. Ordering, pagination and {@code total_rows} are
 * applied here to the full list of groups the core returns.
 *
 * <p>Differences from Plausible (also in the README): {@code include.imports} adds imported stats
 * to fewer queries (see {@link dev.footfall.Imports}), no behavioral filters or
 * segments, no city, region, channel, hostname or version dimensions, no {@code scroll_depth},
 * {@code time_on_page}, {@code percentage} or {@code group_conversion_rate}; date-time ranges only
 * on whole days; empty values read {@code (none)} (sources {@code Direct / None}) rather than
 * {@code (not set)}; device types are lower case; revenue is {@code {value, currency}} without
 * the formatted {@code short} and {@code long}.
 */
final class StatsApi {
  static final String PATH = "/api/v2/query";
  private static final int MAX_LIMIT = 10_000;
  private static final Set<String> KEYS = Set.of("site_id", "metrics", "date_range",
      "dimensions", "filters", "order_by", "include", "pagination");
  private static final Set<String> INCLUDE_KEYS = Set.of("total_rows", "time_labels", "imports");
  private static final List<String> DATE_RANGES = List.of("day", "7d", "30d", "month", "6mo",
      "12mo", "year", "all");
  private static final Map<String, Metric> METRICS = Map.of("visitors", Metric.VISITORS,
      "visits", Metric.VISITS, "pageviews", Metric.PAGEVIEWS,
      "views_per_visit", Metric.VIEWS_PER_VISIT, "bounce_rate", Metric.BOUNCE_RATE,
      "visit_duration", Metric.VISIT_DURATION, "events", Metric.EVENTS,
      "conversion_rate", Metric.CONVERSION_RATE);
  private static final Set<String> REVENUE_METRICS = Set.of("total_revenue", "average_revenue");
  private static final Set<String> UNSUPPORTED_METRICS = Set.of("scroll_depth", "percentage",
      "group_conversion_rate", "time_on_page");
  private static final Map<String, Dimension> DIMENSIONS = Map.ofEntries(
      Map.entry("event:page", Dimension.PAGE), Map.entry("event:name", Dimension.EVENT_NAME),
      Map.entry("event:goal", Dimension.GOAL),
      Map.entry("visit:entry_page", Dimension.ENTRY_PAGE),
      Map.entry("visit:exit_page", Dimension.EXIT_PAGE),
      Map.entry("visit:source", Dimension.SOURCE), Map.entry("visit:referrer", Dimension.REFERRER),
      Map.entry("visit:utm_source", Dimension.UTM_SOURCE),
      Map.entry("visit:utm_medium", Dimension.UTM_MEDIUM),
      Map.entry("visit:utm_campaign", Dimension.UTM_CAMPAIGN),
      Map.entry("visit:utm_content", Dimension.UTM_CONTENT),
      Map.entry("visit:utm_term", Dimension.UTM_TERM),
      Map.entry("visit:country", Dimension.COUNTRY), Map.entry("visit:device", Dimension.DEVICE),
      Map.entry("visit:browser", Dimension.BROWSER), Map.entry("visit:os", Dimension.OS));
  private static final Set<String> UNSUPPORTED_DIMENSIONS = Set.of("event:hostname",
      "visit:entry_page_hostname", "visit:exit_page_hostname", "visit:channel",
      "visit:browser_version", "visit:os_version", "visit:region", "visit:city",
      "visit:country_name", "visit:region_name", "visit:city_name", "time:minute");
  private static final Map<String, Interval> TIMES = Map.of("time:hour", Interval.HOUR,
      "time:day", Interval.DAY, "time:week", Interval.WEEK, "time:month", Interval.MONTH);
  private static final String PROPS = "event:props:";
  private static final DateTimeFormatter HOUR_LABEL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  private final SiteRegistry sites;
  private final Reports reports;

  StatsApi(Analytics analytics) {
    this.sites = analytics.sites();
    this.reports = analytics.reports();
  }

  /**
   * Answers a query.
   *
   * @throws IllegalArgumentException for a bad query, naming what is wrong
   * @throws UnknownSiteException if {@code site_id} is neither a site's id nor its domain
   */
  Map<String, Object> query(JsonNode body) {
    if (!body.isObject()) {
      throw new IllegalArgumentException("the query must be a JSON object");
    }
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!KEYS.contains(name)) {
        throw new IllegalArgumentException("unknown query key '" + name + "'; the keys are "
            + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    JsonNode siteNode = body.get("site_id");
    if (siteNode == null || !siteNode.isTextual() || siteNode.asText().isBlank()) {
      throw new IllegalArgumentException("site_id is required: a site's id or domain");
    }
    String siteId = siteNode.asText();
    Site site = sites.find(siteId).or(() -> sites.findByDomain(siteId))
        .orElseThrow(() -> new UnknownSiteException(siteId));

    List<String> metricNames = strings(body.get("metrics"), "metrics", true);
    if (metricNames.isEmpty()) {
      throw new IllegalArgumentException("metrics must name at least one metric");
    }
    List<String> unsupported = metricNames.stream()
        .filter(m -> !METRICS.containsKey(m) && !REVENUE_METRICS.contains(m)).toList();
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException("unsupported metrics " + unsupported.stream()
          .map(m -> UNSUPPORTED_METRICS.contains(m) ? m + " (Plausible's, not kept by Footfall)"
              : m).toList() + "; Footfall answers " + String.join(", ",
          List.of("visitors", "visits", "pageviews", "views_per_visit", "bounce_rate",
              "visit_duration", "events", "conversion_rate", "total_revenue",
              "average_revenue")));
    }

    List<String> dimensionNames = strings(body.get("dimensions"), "dimensions", false);
    List<Dimension> dimensions = new ArrayList<>();
    Interval interval = null;
    String timeName = null;
    for (String name : dimensionNames) {
      if (name.equals("time") || TIMES.containsKey(name)) {
        if (timeName != null) {
          throw new IllegalArgumentException("dimensions may hold one time dimension but had '"
              + timeName + "' and '" + name + "'");
        }
        timeName = name;
      } else {
        dimensions.add(dimension(name, "dimension"));
      }
    }

    ReportQuery.Builder builder = ReportQuery.builder(site.id());
    builder.period(period(body.get("date_range"), site.timezone()));
    List<Condition> filters = new ArrayList<>();
    JsonNode filterNode = body.get("filters");
    if (filterNode != null && !filterNode.isNull()) {
      if (!filterNode.isArray()) {
        throw new IllegalArgumentException("filters must be a list of filters");
      }
      for (JsonNode filter : filterNode) {
        filters.add(condition(filter));
      }
    }
    filters.forEach(builder::filter);
    boolean goalInPlay = dimensions.contains(Dimension.GOAL) || filters.stream()
        .anyMatch(c -> c.filters().stream().anyMatch(f -> f.dimension().equals(Dimension.GOAL)));
    if (metricNames.contains("conversion_rate") && !goalInPlay) {
      throw new IllegalArgumentException("metric conversion_rate can only be queried with an"
          + " event:goal filter or dimension");
    }
    List<Metric> counted = metricNames.stream().filter(METRICS::containsKey).map(METRICS::get)
        .filter(m -> m != Metric.CONVERSION_RATE).toList();
    builder.metrics(counted.isEmpty() ? List.of(Metric.VISITORS) : counted);
    ReportQuery query = builder.imports(false).build();

    if (timeName != null) {
      interval = timeName.equals("time") ? autoInterval(query, body.get("date_range"))
          : TIMES.get(timeName);
    }

    JsonNode include = body.get("include");
    boolean totalRows = false;
    boolean timeLabels = false;
    boolean imports = false;
    if (include != null && !include.isNull()) {
      if (!include.isObject()) {
        throw new IllegalArgumentException("include must be an object");
      }
      for (Iterator<String> names = include.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!INCLUDE_KEYS.contains(name)) {
          throw new IllegalArgumentException("unknown include key '" + name + "'; Footfall takes"
              + " total_rows, time_labels and imports");
        }
        if (!include.get(name).isBoolean()) {
          throw new IllegalArgumentException("include." + name + " must be true or false");
        }
      }
      totalRows = include.path("total_rows").asBoolean(false);
      timeLabels = include.path("time_labels").asBoolean(false);
      imports = include.path("imports").asBoolean(false);
    }
    if (imports) {
      query = builder.imports(true).build();
    }
    if (timeLabels && timeName == null) {
      throw new IllegalArgumentException("include.time_labels needs a time dimension");
    }
    int limit = MAX_LIMIT;
    int offset = 0;
    JsonNode pagination = body.get("pagination");
    if (pagination != null && !pagination.isNull()) {
      if (!pagination.isObject()) {
        throw new IllegalArgumentException("pagination must be {\"limit\": …, \"offset\": …}");
      }
      limit = integer(pagination, "limit", 1, MAX_LIMIT, MAX_LIMIT);
      offset = integer(pagination, "offset", 0, Integer.MAX_VALUE, 0);
    }
    List<String[]> orderBy = orderBy(body.get("order_by"), metricNames, dimensionNames, timeName);

    GroupsReport report = reports.groups(query, dimensions, Optional.ofNullable(interval));
    Interval chosen = interval;
    List<Map<String, Object>> rows = new ArrayList<>();
    for (GroupsReport.Row row : report.rows()) {
      List<Object> dimensionValues = new ArrayList<>();
      int next = 0;
      for (String name : dimensionNames) {
        dimensionValues.add(name.equals(timeName) ? label(row.start().orElseThrow(), chosen)
            : row.values().get(next++));
      }
      List<Object> metricValues = new ArrayList<>();
      for (String name : metricNames) {
        metricValues.add(metricValue(name, row));
      }
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("dimensions", dimensionValues);
      result.put("metrics", metricValues);
      rows.add(result);
    }
    rows.sort(comparator(orderBy, metricNames, dimensionNames));
    List<Map<String, Object>> page = rows.stream().skip(offset).limit(limit).toList();

    Map<String, Object> meta = new LinkedHashMap<>();
    if (imports) {
      ImportedData imported = report.imported();
      meta.put("imports_included", imported.included());
      if (imported.skipped().isPresent()) {
        meta.put("imports_skip_reason", "unsupported_query");
        meta.put("imports_warning", "Imported stats are left out: " + imported.skipped().get()
            + ".");
      } else if (!imported.included()) {
        meta.put("imports_skip_reason", "no_imported_data");
      }
    }
    Map<String, Object> warnings = new LinkedHashMap<>();
    for (String name : metricNames) {
      if (REVENUE_METRICS.contains(name) && report.revenueWarning().isPresent()) {
        warnings.put(name, Map.of("code", "no_single_revenue_currency_or_goal",
            "warning", "Revenue metrics are null: " + report.revenueWarning().get() + "."));
      }
    }
    if (!warnings.isEmpty()) {
      meta.put("metric_warnings", warnings);
    }
    if (timeLabels) {
      meta.put("time_labels", report.timeLabels().stream().map(l -> label(l, chosen)).toList());
    }
    if (totalRows) {
      meta.put("total_rows", rows.size());
    }

    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("site_id", siteId);
    echo.put("metrics", metricNames);
    echo.put("date_range", dateRange(report.range(), site.timezone()));
    echo.put("filters", filterNode == null || filterNode.isNull() ? List.of() : filterNode);
    echo.put("dimensions", dimensionNames);
    echo.put("order_by", orderBy.stream().map(List::of).toList());
    Map<String, Object> included = new LinkedHashMap<>();
    if (include != null && include.isObject()) {
      include.fieldNames().forEachRemaining(name -> included.put(name, include.get(name)));
    }
    echo.put("include", included);
    echo.put("pagination", Map.of("offset", offset, "limit", limit));

    Map<String, Object> response = new LinkedHashMap<>();
    response.put("results", page);
    response.put("meta", meta);
    response.put("query", echo);
    return response;
  }

  private static Object metricValue(String name, GroupsReport.Row row) {
    if (REVENUE_METRICS.contains(name)) {
      if (row.revenue().isEmpty()) {
        return null;
      }
      GoalsReport.Revenue revenue = row.revenue().get();
      Map<String, Object> value = new LinkedHashMap<>();
      value.put("value", name.equals("total_revenue") ? revenue.total() : revenue.average());
      value.put("currency", revenue.currency().getCurrencyCode());
      return value;
    }
    return row.metrics().get(METRICS.get(name));
  }

  /** Returns a filter dimension or a grouping dimension other than time. */
  private static Dimension dimension(String name, String what) {
    if (name.startsWith(PROPS)) {
      return Dimension.prop(name.substring(PROPS.length()));
    }
    Dimension dimension = DIMENSIONS.get(name);
    if (dimension != null) {
      return dimension;
    }
    if (UNSUPPORTED_DIMENSIONS.contains(name)) {
      throw new IllegalArgumentException(what + " '" + name + "' is not supported by Footfall:"
          + " it keeps country only (visit:country), no region or city, no hostname, channel or"
          + " browser and OS versions");
    }
    if (name.equals("time") || name.startsWith("time:")) {
      throw new IllegalArgumentException("time dimensions cannot be filtered on: set date_range"
          + " instead");
    }
    throw new IllegalArgumentException("unknown " + what + " '" + name + "'; Footfall knows "
        + String.join(", ", DIMENSIONS.keySet().stream().sorted().toList())
        + ", event:props:<key> and, to group by, time, time:hour, time:day, time:week,"
        + " time:month");
  }

  private static Condition condition(JsonNode filter) {
    if (!filter.isArray() || filter.isEmpty() || !filter.get(0).isTextual()) {
      throw new IllegalArgumentException("a filter must be [operator, dimension, [values]] or"
          + " [\"and\"|\"or\", [filters]] or [\"not\", filter] but was " + filter);
    }
    String operator = filter.get(0).asText();
    switch (operator) {
      case "and", "or" -> {
        if (filter.size() != 2 || !filter.get(1).isArray()) {
          throw new IllegalArgumentException("'" + operator + "' takes a list of filters: ["
              + "\"" + operator + "\", [filter, …]] but was " + filter);
        }
        List<Condition> parts = new ArrayList<>();
        filter.get(1).forEach(part -> parts.add(condition(part)));
        if (parts.isEmpty()) {
          throw new IllegalArgumentException("'" + operator + "' needs at least one filter");
        }
        return operator.equals("and") ? Condition.allOf(parts) : Condition.anyOf(parts);
      }
      case "not" -> {
        if (filter.size() != 2) {
          throw new IllegalArgumentException("'not' takes one filter: [\"not\", filter] but was "
              + filter);
        }
        return condition(filter.get(1)).negate();
      }
      case "has_done", "has_not_done" -> throw new IllegalArgumentException(
          "behavioral filters (" + operator + ") are not supported by Footfall");
      default -> {
        return simpleFilter(operator, filter);
      }
    }
  }

  private static Filter simpleFilter(String operatorName, JsonNode filter) {
    Filter.Operator operator;
    try {
      operator = Filter.Operator.valueOf(operatorName.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown filter operator '" + operatorName + "'; use is,"
          + " is_not, contains, contains_not, matches, matches_not, and, or, not");
    }
    if (!operatorName.equals(operator.key())) {
      throw new IllegalArgumentException("unknown filter operator '" + operatorName + "'");
    }
    if (filter.size() < 3 || filter.size() > 4 || !filter.get(1).isTextual()
        || !filter.get(2).isArray()) {
      throw new IllegalArgumentException("a filter must be [\"" + operatorName + "\", dimension,"
          + " [values]] or with {\"case_sensitive\": false} as a fourth element, but was "
          + filter);
    }
    String dimensionName = filter.get(1).asText();
    if (dimensionName.equals("segment")) {
      throw new IllegalArgumentException("segment filters are not supported by Footfall");
    }
    Dimension dimension = dimension(dimensionName, "filter dimension");
    List<String> values = new ArrayList<>();
    for (JsonNode value : filter.get(2)) {
      if (!value.isTextual() && !value.isNumber()) {
        throw new IllegalArgumentException("filter values must be strings but " + dimensionName
            + " had " + value);
      }
      values.add(value.asText());
    }
    boolean caseSensitive = true;
    if (filter.size() == 4) {
      JsonNode modifiers = filter.get(3);
      if (!modifiers.isObject() || modifiers.size() != 1
          || !modifiers.path("case_sensitive").isBoolean()) {
        throw new IllegalArgumentException("the filter modifiers must be {\"case_sensitive\":"
            + " true|false} but were " + modifiers);
      }
      caseSensitive = modifiers.get("case_sensitive").asBoolean();
    }
    return new Filter(dimension, operator, values, caseSensitive);
  }

  private static Period period(JsonNode range, ZoneId zone) {
    if (range == null || range.isNull()) {
      throw new IllegalArgumentException("date_range is required: one of "
          + String.join(", ", DATE_RANGES) + ", or [start, end] ISO dates");
    }
    if (range.isTextual()) {
      if (!DATE_RANGES.contains(range.asText())) {
        throw new IllegalArgumentException("date_range must be one of "
            + String.join(", ", DATE_RANGES) + " or [start, end] ISO dates but was '"
            + range.asText() + "'");
      }
      return Period.parse(range.asText());
    }
    if (!range.isArray() || range.size() != 2 || !range.get(0).isTextual()
        || !range.get(1).isTextual()) {
      throw new IllegalArgumentException("date_range must be a name or [start, end] ISO dates"
          + " but was " + range);
    }
    LocalDate from = day(range.get(0).asText(), zone, false);
    LocalDate to = day(range.get(1).asText(), zone, true);
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("date_range ends (" + to + ") before it starts ("
          + from + ")");
    }
    return Period.custom(from, to);
  }

  /**
   * Returns an ISO date, or the day of an ISO date-time that starts ({@code 00:00:00}) or ends
   * ({@code 23:59:59}) a day in the site's timezone: reports count whole days.
   */
  private static LocalDate day(String text, ZoneId zone, boolean end) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeException notADate) {
      LocalDateTime local;
      try {
        local = OffsetDateTime.parse(text).atZoneSameInstant(zone).toLocalDateTime();
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("date_range values must be ISO dates (2024-01-31) or"
            + " date-times (2024-01-31T00:00:00+01:00) but one was '" + text + "'");
      }
      LocalTime expected = end ? LocalTime.of(23, 59, 59) : LocalTime.MIDNIGHT;
      if (!local.toLocalTime().withNano(0).equals(expected)) {
        throw new IllegalArgumentException("date_range date-times must " + (end
            ? "end a day (23:59:59)" : "start a day (00:00:00)") + " in the site's timezone "
            + zone + ": Footfall reports whole days, but '" + text + "' is " + local);
      }
      return local.toLocalDate();
    }
  }

  /** Plausible's {@code time}: hours for a day, days up to 40 days, months beyond. */
  private Interval autoInterval(ReportQuery query, JsonNode range) {
    if (range.isTextual()) {
      switch (range.asText()) {
        case "day":
          return Interval.HOUR;
        case "7d", "30d", "month":
          return Interval.DAY;
        case "6mo", "12mo", "year":
          return Interval.MONTH;
        default:
          break;
      }
    }
    long days = reports.aggregate(ReportQuery.builder(query.siteId()).period(query.period())
        .metrics(Metric.VISITORS).build()).range().days();
    return days <= 1 ? Interval.HOUR : days <= 40 ? Interval.DAY : Interval.MONTH;
  }

  private static List<String[]> orderBy(JsonNode node, List<String> metrics,
      List<String> dimensions, String timeName) {
    List<String[]> order = new ArrayList<>();
    if (node == null || node.isNull()) {
      if (timeName != null) {
        order.add(new String[] {timeName, "asc"});
      }
      order.add(new String[] {metrics.get(0), "desc"});
      return order;
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException("order_by must be a list of [metric or dimension,"
          + " \"asc\"|\"desc\"]");
    }
    for (JsonNode entry : node) {
      if (!entry.isArray() || entry.size() != 2 || !entry.get(0).isTextual()
          || !entry.get(1).isTextual() || !Set.of("asc", "desc").contains(entry.get(1).asText())) {
        throw new IllegalArgumentException("an order_by entry must be [metric or dimension,"
            + " \"asc\"|\"desc\"] but was " + entry);
      }
      String name = entry.get(0).asText();
      if (!metrics.contains(name) && !dimensions.contains(name)) {
        throw new IllegalArgumentException("order_by names '" + name + "', which is neither"
            + " among the query's metrics nor its dimensions");
      }
      order.add(new String[] {name, entry.get(1).asText()});
    }
    return order;
  }

  @SuppressWarnings("unchecked")
  private static Comparator<Map<String, Object>> comparator(List<String[]> orderBy,
      List<String> metrics, List<String> dimensions) {
    Comparator<Map<String, Object>> comparator = (a, b) -> 0;
    for (String[] entry : orderBy) {
      int metric = metrics.indexOf(entry[0]);
      int index = metric >= 0 ? metric : dimensions.indexOf(entry[0]);
      String list = metric >= 0 ? "metrics" : "dimensions";
      Comparator<Map<String, Object>> one = Comparator.comparing(
          row -> sortKey(((List<Object>) row.get(list)).get(index)),
          Comparator.nullsFirst(Comparator.naturalOrder()));
      comparator = comparator.thenComparing(entry[1].equals("desc") ? one.reversed() : one);
    }
    // Ties keep a stable order: by the dimension values.
    return comparator.thenComparing(row -> String.join("\u0000",
        ((List<Object>) row.get("dimensions")).stream().map(String::valueOf).toList()));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparable sortKey(Object value) {
    if (value instanceof Map<?, ?> revenue) {
      return new BigDecimal(revenue.get("value").toString());
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    return (Comparable) value;
  }

  private static String label(LocalDateTime start, Interval interval) {
    return interval == Interval.HOUR ? HOUR_LABEL.format(start) : start.toLocalDate().toString();
  }

  private static List<String> dateRange(DateRange range, ZoneId zone) {
    ZonedDateTime from = range.from().atStartOfDay(zone);
    ZonedDateTime to = range.to().atTime(23, 59, 59).atZone(zone);
    return List.of(DATE_TIME.format(from), DATE_TIME.format(to));
  }

  private static List<String> strings(JsonNode node, String name, boolean required) {
    if (node == null || node.isNull()) {
      if (required) {
        throw new IllegalArgumentException(name + " is required: a list of names");
      }
      return List.of();
    }
    if (!node.isArray()) {
      throw new IllegalArgumentException(name + " must be a list of names but was " + node);
    }
    List<String> names = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new IllegalArgumentException(name + " must be a list of names but held "
            + element);
      }
      if (names.contains(element.asText())) {
        throw new IllegalArgumentException(name + " names '" + element.asText() + "' twice");
      }
      names.add(element.asText());
    }
    return names;
  }

  private static int integer(JsonNode object, String name, int min, int max, int fallback) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < min
        || value.asInt() > max) {
      throw new IllegalArgumentException("pagination." + name + " must be a whole number from "
          + min + " to " + max + " but was " + value);
    }
    return value.asInt();
  }
}
