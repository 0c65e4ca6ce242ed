package dev.footfall.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One stored import of a site: a file of another service's daily counts.
 *
 * @param id the import's random id
 * @param siteId the site the counts were imported into
 * @param source where they came from, such as the uploaded file's name
 * @param createdAt when the import was stored
 * @param firstDay the first day with imported counts
 * @param lastDay the last day with imported counts
 * @param rows how many {@link ImportedRow rows} were stored
 * @since 0.4
 */
public record StoredImport(String id, String siteId, String source, Instant createdAt,
    LocalDate firstDay, LocalDate lastDay, long rows) {

  /** Validates the fields. */
  public StoredImport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(firstDay, "firstDay");
    Objects.requireNonNull(lastDay, "lastDay");
  }
}
