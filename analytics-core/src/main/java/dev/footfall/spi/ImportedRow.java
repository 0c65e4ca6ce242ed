package dev.footfall.spi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One day's imported counts of one dimension value. Several rows may have the same day, dimension
 * and value (one service's file can count a value in several rows); they add up.
 *
 * @param importId the import the row belongs to
 * @param siteId the site
 * @param day the local day
 * @param dimension {@link RollupStore#TOTAL} for the day's totals, else a {@link
 *     dev.footfall.Dimension#key()} (of those {@link RollupStore#dimensions()} lists)
 * @param value the dimension's value ({@code ""} for the totals, and for none)
 * @param counts the counts: visitors, visits, pageviews, events, and the visits' bounces and
 *     duration (sessions and session pageviews as the visits and their pageviews, where known)
 * @since 0.4
 */
public record ImportedRow(String importId, String siteId, LocalDate day, String dimension,
    String value, Counts counts) {

  /** Validates the fields. */
  public ImportedRow {
    Objects.requireNonNull(importId, "importId");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(dimension, "dimension");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(counts, "counts");
  }
}
