package dev.footfall.spi;

import dev.footfall.Event;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads, corrects and deletes stored events; events are written through {@link Storage#write}.
 * Thread-safe; failures throw {@link dev.footfall.StorageException}.
 *
 * <p>Events are the source of truth, but sessions are derived from them when they are tracked:
 * {@link #update} and {@link #delete} change the event only, never its session (its entry and exit
 * page, its counts, its bounce). Reports count events, so a correction shows at once in pageview,
 * event and visitor figures, while visit figures keep what the session recorded.
 *
 * <p>Applications correct, delete and import events through {@link dev.footfall.StoredEvents}
 * ({@link dev.footfall.Analytics#events()}), which also re-rolls the rolled-up days they fall on;
 * {@link #update} and {@link #delete} called here directly leave those days' rollups as they were
 * until {@link dev.footfall.Rollups#refresh} is called for them.
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

  /**
   * Returns the event with this id, of whichever site.
   *
   * @since 0.1
   */
  Optional<Event> find(long id);

  /**
   * Returns the page of events that the query asks for, ordered by timestamp and then id, with the
   * number of events that match it on all pages.
   *
   * @since 0.1
   */
  EventPage search(EventQuery query);

  /**
   * Corrects a stored event: the stored event with {@code event.id()} takes the {@linkplain
   * Event#name() name}, {@linkplain Event#pathname() pathname} and {@linkplain Event#props() props}
   * of {@code event}; every other field keeps its stored value, whatever {@code event} holds,
   * since the site, type, time, visitor, session, source and device are derived when an event is
   * tracked; a pageview's name stays {@code pageview}. The usual call is {@code find(id)}, {@code
   * toBuilder()}, change, {@code update}. The event's session is not rewritten.
   *
   * @return {@code false} if no event has that id
   * @throws IllegalArgumentException if {@code event} has no id
   * @since 0.1
   */
  boolean update(Event event);

  /**
   * Deletes the event with this id. Its session is not rewritten: it keeps counting the event.
   *
   * @return {@code false} if no event has that id
   * @since 0.1
   */
  boolean delete(long id);

  /**
   * Deletes up to {@code limit} events, of any site, with a timestamp before {@code before}; the
   * retention job calls it until it deletes fewer than {@code limit}, so that no single statement
   * holds locks for long.
   *
   * @return how many were deleted
   */
  int deleteBefore(Instant before, int limit);
}
