package dev.footfall.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a timeseries groups events into local-time buckets. Each bucket is identified by a number in
 * the site's local time: the epoch minute, hour or day of its start for {@link Unit#MINUTE}, {@link
 * Unit#HOUR} and {@link Unit#DAY}, and the epoch day of the Monday or of the 1st for {@link
 * Unit#WEEK} and {@link Unit#MONTH}. "Local epoch" counts from 1970-01-01T00:00 local time, so the
 * key of an instant is computed from its epoch second plus the zone's offset at that instant.
 *
 * @param unit the bucket size
 * @param zone the site's timezone
 * @since 0.1
 */
public record TimeBuckets(Unit unit, ZoneId zone) {

  /** Bucket sizes. */
  public enum Unit {
    MINUTE, HOUR, DAY, WEEK, MONTH
  }

  /** Validates the fields. */
  public TimeBuckets {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(zone, "zone");
  }

  /** Returns the key of the bucket holding this instant. */
  public long keyOf(Instant instant) {
    ZonedDateTime local = instant.atZone(zone);
    LocalDate day = local.toLocalDate();
    return switch (unit) {
      case MINUTE -> local.toLocalDateTime().toEpochSecond(ZoneOffset.UTC) / 60;
      case HOUR -> local.toLocalDateTime().toEpochSecond(ZoneOffset.UTC) / 3600;
      case DAY -> day.toEpochDay();
      case WEEK -> day.minusDays(day.getDayOfWeek().getValue() - 1).toEpochDay();
      case MONTH -> day.withDayOfMonth(1).toEpochDay();
    };
  }

  /**
   * Returns the zone's offsets in force between {@code from} and {@code to}: the first entry's
   * offset applies from {@code from}, each later one from its instant on. SQL stores add this offset
   * to an event's epoch second to get its local epoch second.
   */
  public List<OffsetChange> offsets(Instant from, Instant to) {
    List<OffsetChange> changes = new ArrayList<>();
    changes.add(new OffsetChange(from, zone.getRules().getOffset(from).getTotalSeconds()));
    ZoneOffsetTransition next = zone.getRules().nextTransition(from);
    while (next != null && next.getInstant().isBefore(to)) {
      changes.add(new OffsetChange(next.getInstant(), next.getOffsetAfter().getTotalSeconds()));
      next = zone.getRules().nextTransition(next.getInstant());
    }
    return changes;
  }

  /**
   * Returns the local epoch days of the first day of each month touched by the instants {@code
   * from} to {@code to}, in order, for stores that find {@link Unit#MONTH} keys by comparison.
   */
  public List<Long> monthStarts(Instant from, Instant to) {
    List<Long> starts = new ArrayList<>();
    LocalDate last = to.atZone(zone).toLocalDate();
    for (LocalDate month = from.atZone(zone).toLocalDate().withDayOfMonth(1);
        !month.isAfter(last); month = month.plus(1, ChronoUnit.MONTHS)) {
      starts.add(month.toEpochDay());
    }
    return starts;
  }

  /**
   * A zone offset and the instant from which it applies.
   *
   * @param from the instant the offset starts to apply
   * @param offsetSeconds the offset from UTC in seconds
   */
  public record OffsetChange(Instant from, int offsetSeconds) {}
}
