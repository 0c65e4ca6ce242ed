package dev.footfall.spi;

import dev.footfall.Filter;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The events a report counts: a site's events with {@code from <= timestamp < to} that pass every
 * filter, plus the goal whose converted visitors are counted.
 *
 * @param siteId the site
 * @param from the first instant included
 * @param to the first instant excluded
 * @param filters conditions combined with AND
 * @param goal the event name of the goal whose visitors count as conversions, or {@code ""}
 * @since 0.1
 */
public record Selection(String siteId, Instant from, Instant to, List<Filter> filters,
    String goal) {

  /** Copies the filters. */
  public Selection {
    Objects.requireNonNull(siteId, "siteId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    filters = List.copyOf(filters);
    Objects.requireNonNull(goal, "goal");
  }
}
