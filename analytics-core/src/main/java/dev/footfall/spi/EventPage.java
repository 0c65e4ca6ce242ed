package dev.footfall.spi;

import dev.footfall.Event;
import java.util.List;

/**
 * One page of the events an {@link EventQuery} matches, and how many it matches in all.
 *
 * @param events the page's events, ordered by timestamp and id
 * @param total how many events match the query, on every page
 * @since 0.1
 */
public record EventPage(List<Event> events, long total) {

  /**
   * Copies the events.
   *
   * @throws IllegalArgumentException if {@code total} is negative
   */
  public EventPage {
    events = List.copyOf(events);
    if (total < 0) {
      throw new IllegalArgumentException("total must not be negative but was " + total);
    }
  }
}
