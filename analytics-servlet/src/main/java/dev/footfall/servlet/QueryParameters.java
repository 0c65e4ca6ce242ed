package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.footfall.Period;
import java.net.URLDecoder;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The parameters of a URL query string, decoded; a parameter given twice is an error. */
final class QueryParameters {
  private final Map<String, String> values;

  private QueryParameters(Map<String, String> values) {
    this.values = values;
  }

  /**
   * Parses a raw query string.
   *
   * @throws IllegalArgumentException if a parameter repeats or is badly encoded
   */
  static QueryParameters parse(String query) {
    Map<String, String> values = new LinkedHashMap<>();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
        if (values.put(name, value) != null) {
          throw new IllegalArgumentException("parameter '" + name + "' is given more than once");
        }
      }
    }
    return new QueryParameters(values);
  }

  private static String decode(String raw) {
    try {
      return URLDecoder.decode(raw, UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("query string is not URL-encoded correctly: '" + raw
          + "'");
    }
  }

  /** Returns a parameter's value; empty if absent or blank. */
  Optional<String> get(String name) {
    String value = values.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /**
   * Returns an integer parameter, or the default when absent.
   *
   * @throws IllegalArgumentException if it is not an integer
   */
  int intValue(String name, int defaultValue) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be an integer but was '" + value.get()
          + "'");
    }
  }

  /**
   * Returns an ISO date parameter; empty if absent.
   *
   * @throws IllegalArgumentException if it is not an ISO date between 1970 and 2199
   */
  Optional<LocalDate> date(String name) {
    return get(name).map(value -> {
      LocalDate date;
      try {
        date = LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(name + " must be an ISO date such as 2026-11-24 but was '"
            + value + "'");
      }
      if (date.isBefore(Period.FIRST_DAY) || date.isAfter(Period.LAST_DAY)) {
        throw new IllegalArgumentException(name + " must be between " + Period.FIRST_DAY + " and "
            + Period.LAST_DAY + " but was " + value);
      }
      return date;
    });
  }

  /**
   * Returns a boolean parameter ({@code true} or {@code false}), or the default when absent.
   *
   * @throws IllegalArgumentException for any other value
   */
  boolean booleanValue(String name, boolean defaultValue) {
    Optional<String> value = get(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    return switch (value.get()) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false but was '"
          + value.get() + "'");
    };
  }

  /**
   * Refuses parameters other than the allowed ones, so that a misspelt parameter is not ignored.
   *
   * @throws IllegalArgumentException naming the first unknown parameter and the allowed ones
   */
  void allowOnly(Set<String> allowed) {
    for (String name : values.keySet()) {
      if (!allowed.contains(name)) {
        throw new IllegalArgumentException("unknown parameter '" + name + "'; allowed: "
            + String.join(", ", new TreeSet<>(allowed)));
      }
    }
  }
}
