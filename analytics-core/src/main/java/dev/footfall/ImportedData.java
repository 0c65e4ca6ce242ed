package dev.footfall;

import java.util.Objects;
import java.util.Optional;

/**
 * How a report used the site's {@linkplain Imports imported} stats: on how many of its days its
 * numbers come from them (days without events of their own), or why it left them out.
 *
 * @param days the days of the report's range whose numbers are imported ones; 0 if none
 * @param skipped why imported stats of the range were left out (a filter or breakdown they have
 *     no numbers for), or empty if they were used or there were none
 * @since 0.4
 */
public record ImportedData(long days, Optional<String> skipped) {
  /** A report of a range without imported stats. */
  public static final ImportedData NONE = new ImportedData(0, Optional.empty());

  /** Validates the fields. */
  public ImportedData {
    if (days < 0) {
      throw new IllegalArgumentException("days must be at least 0 but was " + days);
    }
    Objects.requireNonNull(skipped, "skipped");
  }

  /** Returns whether the report includes imported numbers. */
  public boolean included() {
    return days > 0;
  }
}
