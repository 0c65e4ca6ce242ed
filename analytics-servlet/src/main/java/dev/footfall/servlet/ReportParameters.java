package dev.footfall.servlet;

import dev.footfall.Dimension;
import dev.footfall.Filter;
import dev.footfall.Interval;
import dev.footfall.Metric;
import dev.footfall.Period;
import dev.footfall.ReportQuery;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a report request's query parameters into a {@link ReportQuery}: {@code period}, {@code
 * start_date}, {@code end_date}, {@code filters}, {@code metrics}, {@code goal}, {@code interval},
 * {@code compare}, {@code limit} and {@code page}. Every bad value is an {@link
 * IllegalArgumentException} naming the parameter and what it allows.
 *
 * <p>{@code filters} is a {@code ;}-separated list of {@code dimension==value} (is), {@code
 * dimension!=value} (is not), {@code dimension~=value} (contains) and {@code dimension*=pattern}
 * (matches a {@linkplain Filter#wildcard wildcard pattern} such as {@code /blog/*}), such as
 * {@code country==DE;page~=/blog}. A filter may give several values separated by {@code |}, any of
 * which matches ({@code country==DE|FR}; for {@code !=}, none of which). A {@code ;}, {@code |}
 * or {@code \} inside a value is written {@code \;}, {@code \|} or {@code \\}. The dimension
 * {@code goal} takes goal names.
 */
final class ReportParameters {
  static final Set<String> NAMES = Set.of("period", "start_date", "end_date", "filters",
      "metrics", "goal", "interval", "compare", "limit", "page", "type", "dimension");

  private ReportParameters() {}

  /** Returns a builder with everything the parameters set, for the site. */
  static ReportQuery.Builder query(String siteId, QueryParameters parameters) {
    return query(siteId, parameters, Set.of());
  }

  /**
   * Returns a builder with everything the parameters set, for the site, allowing also the
   * report's own parameters {@code more}, which the caller reads.
   */
  static ReportQuery.Builder query(String siteId, QueryParameters parameters, Set<String> more) {
    Set<String> allowed = new HashSet<>(NAMES);
    allowed.addAll(more);
    parameters.allowOnly(allowed);
    ReportQuery.Builder query = ReportQuery.builder(siteId).period(period(parameters));
    for (Filter filter : filters(parameters.get("filters").orElse(""))) {
      query.filter(filter);
    }
    parameters.get("goal").ifPresent(query::goal);
    parameters.get("metrics").ifPresent(list -> {
      List<Metric> metrics = new ArrayList<>();
      for (String key : list.split(",")) {
        metrics.add(Metric.fromKey(key.strip()));
      }
      query.metrics(metrics);
    });
    parameters.get("interval").map(Interval::fromKey).ifPresent(query::interval);
    int limit = parameters.intValue("limit", 100);
    if (limit < 1 || limit > ReportQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + ReportQuery.MAX_LIMIT
          + " but was " + limit);
    }
    return query.limit(limit).page(parameters.intValue("page", 1));
  }

  /**
   * Returns the period of {@code period}, {@code start_date} and {@code end_date} (default {@code
   * 30d}; {@code custom} needs both dates, which other periods refuse).
   */
  static Period period(QueryParameters parameters) {
    String name = parameters.get("period").orElse("30d");
    Optional<LocalDate> start = parameters.date("start_date");
    Optional<LocalDate> end = parameters.date("end_date");
    if (!name.equals("custom")) {
      if (start.isPresent() || end.isPresent()) {
        throw new IllegalArgumentException("start_date and end_date need period=custom");
      }
      return Period.parse(name);
    }
    if (start.isEmpty() || end.isEmpty()) {
      throw new IllegalArgumentException("period=custom needs start_date and end_date"
          + " (ISO dates such as 2026-11-24)");
    }
    return Period.custom(start.get(), end.get());
  }

  /** Parses the {@code filters} syntax. */
  static List<Filter> filters(String text) {
    List<Filter> filters = new ArrayList<>();
    for (String part : split(text)) {
      if (!part.isBlank()) {
        filters.add(filter(part));
      }
    }
    return filters;
  }

  private static Filter filter(String part) {
    int op = indexOfOperator(part);
    if (op < 0) {
      throw new IllegalArgumentException("filter '" + unescaped(part) + "' must be"
          + " dimension==value, dimension!=value, dimension~=value or dimension*=pattern");
    }
    Dimension dimension = Dimension.fromKey(part.substring(0, op).strip());
    String[] values = split(part.substring(op + 2), '|').stream()
        .map(ReportParameters::unescaped).toArray(String[]::new);
    return switch (part.substring(op, op + 2)) {
      case "==" -> Filter.is(dimension, values);
      case "!=" -> Filter.isNot(dimension, values);
      case "*=" -> Filter.wildcard(dimension, values);
      default -> Filter.contains(dimension, values);
    };
  }

  private static int indexOfOperator(String part) {
    for (int i = 0; i + 1 < part.length(); i++) {
      char c = part.charAt(i);
      if ((c == '=' || c == '!' || c == '~' || c == '*') && part.charAt(i + 1) == '=') {
        return i;
      }
    }
    return -1;
  }

  /** Splits on {@code ;}, each part keeping its escapes. */
  private static List<String> split(String text) {
    return split(text, ';');
  }

  /** Splits on every {@code separator} not escaped with {@code \\}, keeping the escapes. */
  private static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        current.append(c).append(text.charAt(++i));
      } else if (c == separator) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  /** Undoes the {@code \\} escapes. */
  private static String unescaped(String text) {
    StringBuilder value = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      value.append(c == '\\' && i + 1 < text.length() ? text.charAt(++i) : c);
    }
    return value.toString();
  }
}
