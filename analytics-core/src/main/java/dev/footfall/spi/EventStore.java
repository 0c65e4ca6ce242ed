package dev.footfall.spi;

import dev.footfall.Event;
import java.time.Instant;
import java.util.List;

/**
 * Reads stored events; events are written through {@link Storage#write}. Thread-safe; failures
 * throw {@link dev.footfall.StorageException}.
 *
 * @since 0.1
 */
public interface EventStore {

  /**
   * Returns a site's events with {@code from <= timestamp < to}, ordered by timestamp and id.
   *
   * @param offset how many matching events to skip
   * @param limit the most events to return
   */
  List<Event> list(String siteId, Instant from, Instant to, int offset, int limit);

  /** Returns how many events a site has with {@code from <= timestamp < to}. */
  long count(String siteId, Instant from, Instant to);
}
