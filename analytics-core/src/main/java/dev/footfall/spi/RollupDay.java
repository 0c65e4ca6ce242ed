package dev.footfall.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One local calendar day of a site, the unit that rollups count.
 *
 * @param siteId the site
 * @param date the local date
 * @param zone the site's timezone, which fixes where the day starts and ends
 * @since 0.1
 */
public record RollupDay(String siteId, LocalDate date, ZoneId zone) {

  /** Validates the fields. */
  public RollupDay {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(zone, "zone");
  }

  /** Returns the first instant of the day. */
  public Instant start() {
    return date.atStartOfDay(zone).toInstant();
  }

  /** Returns the first instant after the day. */
  public Instant end() {
    return date.plusDays(1).atStartOfDay(zone).toInstant();
  }

  /** Returns the first instant of the day before, from which a continued visit is looked for. */
  public Instant previousStart() {
    return date.minusDays(1).atStartOfDay(zone).toInstant();
  }

  /** Returns the first instant after the day after. */
  public Instant nextEnd() {
    return date.plusDays(2).atStartOfDay(zone).toInstant();
  }
}
