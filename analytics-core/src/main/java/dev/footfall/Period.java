package dev.footfall;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;
import java.util.Optional;

/**
 * The days a report covers, relative to today in the site's timezone: {@code day} (today), {@code
 * 7d}, {@code 30d} and {@code 90d} (that many days ending today, today included), {@code month}
 * (this month up to today), {@code 6mo} and {@code 12mo} (this month and the 5 or 11 before it, up to
 * today), {@code year} (this year up to today), {@code all} (from the site's first event to today), or
 * a custom inclusive range.
 *
 * <p>Instances are immutable.
 *
 * @since 0.1
 */
public final class Period {
  /** The names {@link #parse} accepts, in the order they are documented. */
  public static final String NAMES = "day, 7d, 30d, 90d, month, 6mo, 12mo, year, all, custom";
  /** The first day a custom period may start on. */
  public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);
  /** The last day a custom period may end on. */
  public static final LocalDate LAST_DAY = LocalDate.of(2199, 12, 31);

  private final String name;
  private final DateRange custom;

  private Period(String name, DateRange custom) {
    this.name = name;
    this.custom = custom;
  }

  /**
   * Returns the named period.
   *
   * @param name one of {@code day}, {@code 7d}, {@code 30d}, {@code 90d}, {@code month}, {@code
   *     6mo}, {@code 12mo}, {@code year}, {@code all}
   * @throws IllegalArgumentException if the name is not one of those ({@code custom} needs dates:
   *     use {@link #custom})
   */
  public static Period parse(String name) {
    Objects.requireNonNull(name, "name");
    switch (name) {
      case "day", "7d", "30d", "90d", "month", "6mo", "12mo", "year", "all":
        return new Period(name, null);
      case "custom":
        throw new IllegalArgumentException("period 'custom' needs a start date and an end date");
      default:
        throw new IllegalArgumentException("period must be one of " + NAMES + " but was '" + name
            + "'");
    }
  }

  /**
   * Returns the custom inclusive range {@code from}..{@code to}.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}, or either is outside
   *     {@link #FIRST_DAY}..{@link #LAST_DAY}
   */
  public static Period custom(LocalDate from, LocalDate to) {
    DateRange range = new DateRange(from, to);
    if (from.isBefore(FIRST_DAY) || to.isAfter(LAST_DAY)) {
      throw new IllegalArgumentException("dates must be between " + FIRST_DAY + " and " + LAST_DAY
          + " but the range was " + from + " to " + to);
    }
    return new Period("custom", range);
  }

  /** Returns the period's name, such as {@code 7d} or {@code custom}. */
  public String name() {
    return name;
  }

  /**
   * Returns the days this period covers.
   *
   * @param today today in the site's timezone
   * @param firstDay the day of the site's first event, used by {@code all}; empty when it has none
   */
  public DateRange resolve(LocalDate today, Optional<LocalDate> firstDay) {
    return switch (name) {
      case "custom" -> custom;
      case "day" -> new DateRange(today, today);
      case "7d" -> new DateRange(today.minusDays(6), today);
      case "30d" -> new DateRange(today.minusDays(29), today);
      case "90d" -> new DateRange(today.minusDays(89), today);
      case "month" -> new DateRange(today.withDayOfMonth(1), today);
      case "6mo" -> new DateRange(today.withDayOfMonth(1).minusMonths(5), today);
      case "12mo" -> new DateRange(today.withDayOfMonth(1).minusMonths(11), today);
      case "year" -> new DateRange(today.with(TemporalAdjusters.firstDayOfYear()), today);
      case "all" -> new DateRange(firstDay.filter(d -> d.isBefore(today)).orElse(today), today);
      default -> throw new AssertionError(name);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Period other && name.equals(other.name)
        && Objects.equals(custom, other.custom);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, custom);
  }

  @Override
  public String toString() {
    return custom == null ? name : custom.from() + ".." + custom.to();
  }
}
