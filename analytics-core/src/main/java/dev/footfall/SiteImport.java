package dev.footfall;

import java.time.Instant;
import java.util.Objects;

/**
 * One import of a site's past stats from another service, which {@link Imports} stores and
 * reports show for the days without events of their own.
 *
 * @param id the import's id, which {@link Imports#delete} takes
 * @param siteId the site
 * @param source where the stats came from: the uploaded file's name
 * @param createdAt when it was imported
 * @param range its first and last day with stats
 * @param rows how many daily rows it stored (one per day and dimension value)
 * @since 0.4
 */
public record SiteImport(String id, String siteId, String source, Instant createdAt,
    DateRange range, long rows) {

  /** Validates the fields. */
  public SiteImport {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(range, "range");
  }
}
