package dev.footfall;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A condition on one {@link Dimension}: its value {@linkplain Operator#IS is}, {@linkplain
 * Operator#CONTAINS contains} or {@linkplain Operator#MATCHES matches} <em>any</em> of the given
 * values, or (the {@code _NOT} operators) none of them. Comparisons are exact and case-sensitive
 * unless the filter {@linkplain #ignoringCase() ignores case}.
 * Filtering on the dimension's {@linkplain Dimension#emptyLabel() empty label} (or on {@code ""})
 * with {@code is} or {@code is_not} matches empty values.
 *
 * <p>{@code matches} takes a regular expression, found anywhere in the value unless anchored with
 * {@code ^} and {@code $}; use the syntax that RE2, POSIX and Java agree on (classes such as {@code
 * \d} and {@code [a-z]}, {@code .}, {@code *}, {@code +}, {@code ?}, {@code {n,m}}, {@code |},
 * groups), since SQL stores evaluate it in the database. {@link #wildcard} builds one from a page
 * pattern such as {@code /blog/*}.
 *
 * @param dimension what is compared
 * @param operator how
 * @param values with what: 1 to 100 values
 * @param caseSensitive whether case matters
 * @since 0.1
 */
public record Filter(Dimension dimension, Operator operator, List<String> values,
    boolean caseSensitive) implements Condition {

  /** The most values one filter may hold. */
  public static final int MAX_VALUES = 100;

  /** How a filter compares. */
  public enum Operator {
    /** The value equals one of the filter's values. */
    IS,
    /** The value equals none of them. */
    IS_NOT,
    /** The value contains one of them. */
    CONTAINS,
    /** The value contains none of them. */
    CONTAINS_NOT,
    /** The value matches one of them, regular expressions. */
    MATCHES,
    /** The value matches none of them. */
    MATCHES_NOT;

    /** Returns the operator that holds exactly when this one does not. */
    public Operator negate() {
      return switch (this) {
        case IS -> IS_NOT;
        case IS_NOT -> IS;
        case CONTAINS -> CONTAINS_NOT;
        case CONTAINS_NOT -> CONTAINS;
        case MATCHES -> MATCHES_NOT;
        case MATCHES_NOT -> MATCHES;
      };
    }

    /** Returns whether this is one of the {@code _NOT} operators. */
    public boolean negative() {
      return this == IS_NOT || this == CONTAINS_NOT || this == MATCHES_NOT;
    }

    /** Returns the name used in JSON and query strings, such as {@code is_not}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Validates the filter, copies the values and maps the dimension's empty label to {@code ""}.
   *
   * @throws IllegalArgumentException if there are no values or more than {@value #MAX_VALUES}, a
   *     value is longer than 2000 characters, a {@code contains} value is empty or a {@code
   *     matches} value is not a regular expression
   */
  public Filter {
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(operator, "operator");
    Objects.requireNonNull(values, "values");
    if (values.isEmpty() || values.size() > MAX_VALUES) {
      throw new IllegalArgumentException("a filter on " + dimension.key() + " needs 1 to "
          + MAX_VALUES + " values but had " + values.size());
    }
    List<String> checked = new ArrayList<>(values.size());
    for (String value : values) {
      checked.add(checked(dimension, operator, Objects.requireNonNull(value, "value")));
    }
    values = List.copyOf(checked);
  }

  private static String checked(Dimension dimension, Operator operator, String value) {
    if (value.length() > 2000) {
      throw new IllegalArgumentException("filter value must be at most 2000 characters but was "
          + value.length());
    }
    switch (operator) {
      case IS, IS_NOT -> {
        return value.equals(dimension.emptyLabel()) ? "" : value;
      }
      case CONTAINS, CONTAINS_NOT -> {
        if (value.isEmpty()) {
          throw new IllegalArgumentException("a '" + operator.key() + "' filter on "
              + dimension.key() + " needs a non-empty value");
        }
        return value;
      }
      default -> {
        try {
          Pattern.compile(value);
        } catch (PatternSyntaxException e) {
          throw new IllegalArgumentException("'" + value + "' on " + dimension.key()
              + " is not a regular expression: " + e.getDescription());
        }
        return value;
      }
    }
  }

  /** Returns a case-sensitive filter matching any of the values exactly. */
  public static Filter is(Dimension dimension, String... values) {
    return new Filter(dimension, Operator.IS, Arrays.asList(values), true);
  }

  /** Returns a case-sensitive filter matching every value but these. */
  public static Filter isNot(Dimension dimension, String... values) {
    return new Filter(dimension, Operator.IS_NOT, Arrays.asList(values), true);
  }

  /** Returns a case-sensitive filter matching values that contain any of the strings. */
  public static Filter contains(Dimension dimension, String... values) {
    return new Filter(dimension, Operator.CONTAINS, Arrays.asList(values), true);
  }

  /** Returns a filter matching values in which any of the regular expressions is found. */
  public static Filter matches(Dimension dimension, String... regexes) {
    return new Filter(dimension, Operator.MATCHES, Arrays.asList(regexes), true);
  }

  /**
   * Returns a filter matching whole values against Plausible's wildcard patterns: {@code *} stands
   * for any characters but {@code /}, {@code **} for any characters; everything else is literal.
   * {@code /blog/*} matches {@code /blog/post} but not {@code /blog/post/comments}; {@code
   * /docs/**} matches both levels.
   */
  public static Filter wildcard(Dimension dimension, String... patterns) {
    return new Filter(dimension, Operator.MATCHES,
        Arrays.stream(patterns).map(Filter::wildcardRegex).toList(), true);
  }

  /**
   * Returns the anchored regular expression of a wildcard pattern (see {@link #wildcard}), in the
   * syntax every store understands: ASCII punctuation is escaped with a backslash.
   */
  public static String wildcardRegex(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    StringBuilder regex = new StringBuilder("^");
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        boolean twice = i + 1 < pattern.length() && pattern.charAt(i + 1) == '*';
        regex.append(twice ? ".*" : "[^/]*");
        i += twice ? 1 : 0;
      } else if (c < 128 && !Character.isLetterOrDigit(c)) {
        regex.append('\\').append(c);
      } else {
        regex.append(c);
      }
    }
    return regex.append('$').toString();
  }

  /** Returns this filter comparing without regard to case. */
  public Filter ignoringCase() {
    return new Filter(dimension, operator, values, false);
  }

  @Override
  public Filter negate() {
    return new Filter(dimension, operator.negate(), values, caseSensitive);
  }

  @Override
  public boolean test(Function<Dimension, String> values) {
    String value = values.apply(dimension);
    return value != null && test(value);
  }

  @Override
  public List<Filter> filters() {
    return List.of(this);
  }

  /** Returns whether a value of the dimension ({@code ""} when empty) passes this filter. */
  public boolean test(String actual) {
    String value = caseSensitive ? actual : actual.toLowerCase(Locale.ROOT);
    boolean any = false;
    for (String wanted : values) {
      any |= switch (operator) {
        case IS, IS_NOT -> value.equals(caseSensitive ? wanted : wanted.toLowerCase(Locale.ROOT));
        case CONTAINS, CONTAINS_NOT ->
            value.contains(caseSensitive ? wanted : wanted.toLowerCase(Locale.ROOT));
        case MATCHES, MATCHES_NOT -> Pattern.compile(wanted, caseSensitive ? 0
            : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(actual).find();
      };
    }
    return operator.negative() != any;
  }
}
