package dev.footfall;

import dev.footfall.internal.EnumKeys;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Objects;

/**
 * How often an {@linkplain EmailReports email report} summarises a site: each completed ISO week
 * (Monday to Sunday) or each completed calendar month, in the site's timezone.
 *
 * @since 0.4
 */
public enum ReportCadence {
  /** One report per ISO week, Monday to Sunday. */
  WEEKLY,
  /** One report per calendar month. */
  MONTHLY;

  /** Returns the name used in the admin API and in storage: {@code weekly} or {@code monthly}. */
  public String key() {
    return EnumKeys.key(this);
  }

  /**
   * Returns the latest period of this cadence that ended before {@code today}: the week from
   * Monday to Sunday before the week of {@code today}, or the month before the month of {@code
   * today}.
   */
  public DateRange latestCompleted(LocalDate today) {
    Objects.requireNonNull(today, "today");
    return switch (this) {
      case WEEKLY -> {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
            .minusWeeks(1);
        yield new DateRange(monday, monday.plusDays(6));
      }
      case MONTHLY -> {
        LocalDate first = today.withDayOfMonth(1).minusMonths(1);
        yield new DateRange(first, first.with(TemporalAdjusters.lastDayOfMonth()));
      }
    };
  }

  /**
   * Returns the cadence with this {@linkplain #key() key}.
   *
   * @throws IllegalArgumentException if there is none
   */
  public static ReportCadence fromKey(String key) {
    return EnumKeys.fromKey(ReportCadence.class, Objects.requireNonNull(key, "key"), "cadence");
  }
}
