package dev.footfall;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An inclusive range of local calendar days, in a site's timezone.
 *
 * @param from the first day
 * @param to the last day, not before {@code from}
 * @since 0.1
 */
public record DateRange(LocalDate from, LocalDate to) {

  /**
   * Validates the range.
   *
   * @throws IllegalArgumentException if {@code to} is before {@code from}
   */
  public DateRange {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("end date " + to + " is before start date " + from);
    }
  }

  /** Returns the number of days in the range. */
  public long days() {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** Returns the range of equal length that ends the day before this one starts. */
  public DateRange previous() {
    return new DateRange(from.minusDays(days()), from.minusDays(1));
  }
}
