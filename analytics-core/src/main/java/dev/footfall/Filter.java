package dev.footfall;

import java.util.Objects;

/**
 * A condition on a {@link Dimension}: the dimension's value {@link Operator#IS is}, {@link
 * Operator#IS_NOT is not}, or {@link Operator#CONTAINS contains} a given string. Comparisons are
 * exact and case-sensitive. Filtering on the dimension's {@linkplain Dimension#emptyLabel() empty
 * label} (or on {@code ""}) with {@code is} or {@code is_not} matches empty values. A report's
 * filters are combined with AND.
 *
 * @param dimension what is compared
 * @param operator how
 * @param value with what
 * @since 0.1
 */
public record Filter(Dimension dimension, Operator operator, String value) {

  /** How a filter compares. */
  public enum Operator {
    IS, IS_NOT, CONTAINS
  }

  /** Validates the filter and maps the dimension's empty label to {@code ""}. */
  public Filter {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(value, "value");
    if (value.length() > 2000) {
      throw new IllegalArgumentException("filter value must be at most 2000 characters but was "
          + value.length());
    }
    if (operator != Operator.CONTAINS && value.equals(dimension.emptyLabel())) {
      value = "";
    }
    if (operator == Operator.CONTAINS && value.isEmpty()) {
      throw new IllegalArgumentException("a 'contains' filter on " + dimension.key()
          + " needs a non-empty value");
    }
  }

  /** Returns a filter matching the value exactly. */
  public static Filter is(Dimension dimension, String value) {
    return new Filter(dimension, Operator.IS, value);
  }

  /** Returns a filter matching every other value. */
  public static Filter isNot(Dimension dimension, String value) {
    return new Filter(dimension, Operator.IS_NOT, value);
  }

  /** Returns a filter matching values that contain the string. */
  public static Filter contains(Dimension dimension, String value) {
    return new Filter(dimension, Operator.CONTAINS, value);
  }

  /** Returns whether a value of the dimension ({@code ""} when empty) passes this filter. */
  public boolean test(String actual) {
    return switch (operator) {
      case IS -> actual.equals(value);
      case IS_NOT -> !actual.equals(value);
      case CONTAINS -> actual.contains(value);
    };
  }
}
