package dev.footfall;

import dev.footfall.spi.EventPage;
import dev.footfall.spi.EventQuery;
import dev.footfall.spi.EventStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The stored events of every site, to list, read, correct, delete and import, keeping reports
 * right: get it from {@link Analytics#events()}.
 *
 * <pre>{@code
 * StoredEvents events = analytics.events();
 * EventPage signups = events.list(EventSearch.builder("shop").name("Signup").build());
 * long id = signups.events().get(0).id().orElseThrow();
 * events.update(id, EventChange.builder().name("Upgrade").build());
 * events.delete(id);
 * ImportResult result = events.importEvents(List.of(TrackRequest.pageview("shop", "/pricing")
 *     .visitorId("u-17").timestamp(Instant.parse("2026-11-20T10:15:30Z")).build()),
 *     Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Reports: a correction, deletion or import re-rolls the {@linkplain Rollups rollups} of the
 * days its events fall on that are rolled up already (and of the day after, whose visits may continue
 * from them), and has the days that reports count from raw events read again, so that every report
 * shows the change once the call returns. Sessions are derived when events are tracked and are not
 * rewritten: visit figures (bounce rate, entry page, duration) keep counting an event as it was.
 *
 * <p>Imports go through the live pipeline ({@link Tracker#track}), so that imported events are
 * enriched, filtered and sessionized like live ones; see {@link #importEvents}.
 *
 * <p>Thread-safe: calls may run concurrently, also with tracking; two corrections of one event at
 * once leave one of them.
 *
 * @since 0.3
 */
public final class StoredEvents {
  /**
   * The most events one {@link #importEvents} call may hold.
   *
   * @since 0.3
   */
  public static final int MAX_IMPORT = 1_000;
  /**
   * How far ahead of the analytics clock an imported event's timestamp may be.
   *
   * @since 0.3
   */
  public static final Duration MAX_FUTURE = Duration.ofMinutes(5);

  /** Waits until everything tracked before the call is stored ({@link Analytics#flush}). */
  @FunctionalInterface
  interface Flush {
    boolean flush(Duration timeout);
  }

  private final SiteRegistry sites;
  private final EventStore store;
  private final Tracker tracker;
  private final Rollups rollups;
  private final Clock clock;
  private final Flush flush;

  StoredEvents(SiteRegistry sites, EventStore store, Tracker tracker, Rollups rollups, Clock clock,
      Flush flush) {
    this.sites = sites;
    this.store = store;
    this.tracker = tracker;
    this.rollups = rollups;
    this.clock = clock;
    this.flush = flush;
  }

  /**
   * Returns the page of a site's events that the search asks for, oldest first (ties by id), with
   * how many events match it on all pages.
   *
   * @throws NullPointerException if {@code search} is null
   * @throws UnknownSiteException if the site is not registered
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public EventPage list(EventSearch search) {
    Objects.requireNonNull(search, "search");
    Site site = sites.find(search.siteId())
        .orElseThrow(() -> new UnknownSiteException(search.siteId()));
    EventQuery.Builder query = EventQuery.builder(site.id()).limit(search.limit())
        .offset((search.page() - 1) * search.limit());
    search.type().ifPresent(query::type);
    search.name().ifPresent(query::name);
    search.pathname().ifPresent(query::pathname);
    search.startDate().ifPresent(d -> query.from(d.atStartOfDay(site.timezone()).toInstant()));
    search.endDate().ifPresent(d ->
        query.to(d.plusDays(1).atStartOfDay(site.timezone()).toInstant()));
    return store.search(query.build());
  }

  /**
   * Returns the event with this id, of whichever site.
   *
   * @throws IllegalArgumentException if {@code id} is not positive
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public Optional<Event> find(long id) {
    return store.find(checkId(id));
  }

  /**
   * Corrects an event's name, pathname or props, under the tracking limits ({@link
   * EventChange#violations}), and re-rolls its day if that is rolled up already.
   *
   * @return the event as stored after the change, or empty if no event has that id
   * @throws IllegalArgumentException if {@code id} is not positive
   * @throws InvalidEventException listing every violation; the event is not changed
   * @throws NullPointerException if {@code change} is null
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public Optional<Event> update(long id, EventChange change) {
    checkId(id);
    Objects.requireNonNull(change, "change");
    Optional<Event> found = store.find(id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Event current = found.get();
    Map<String, List<String>> violations = change.violations(current.type());
    if (!violations.isEmpty()) {
      throw new InvalidEventException("the change of event " + id + " is invalid; the event was"
          + " not changed", violations);
    }
    Event.Builder changed = current.toBuilder();
    if (current.type() == EventType.CUSTOM_EVENT) {
      change.name().ifPresent(changed::name);
    }
    change.pathname().ifPresent(changed::pathname);
    change.props().ifPresent(changed::props);
    if (!store.update(changed.build())) {
      return Optional.empty(); // deleted meanwhile
    }
    refreshRollups(current.siteId(), List.of(current.timestamp()));
    return store.find(id);
  }

  /**
   * Deletes an event, and re-rolls its day if that is rolled up already.
   *
   * @return {@code false} if no event has that id
   * @throws IllegalArgumentException if {@code id} is not positive
   * @throws StorageException if the storage failed
   * @since 0.3
   */
  public boolean delete(long id) {
    checkId(id);
    Optional<Event> current = store.find(id);
    if (current.isEmpty() || !store.delete(id)) {
      return false;
    }
    refreshRollups(current.get().siteId(), List.of(current.get().timestamp()));
    return true;
  }

  /**
   * Returns what keeps an event from being imported, by field, beyond the tracking limits that
   * {@link TrackRequest.Builder#build()} checks; empty if nothing. The fields: {@code site_id} (the
   * site must be registered), {@code timestamp} (at most {@link #MAX_FUTURE} ahead of the analytics
   * clock), {@code visitor_id} (required for an event before the current UTC day, whose daily salt
   * that would hash its visitor is gone) and {@code user_agent} (required for an event without a
   * visitor id, which live tracking would drop).
   *
   * @throws NullPointerException if {@code event} is null
   * @since 0.3
   */
  public Map<String, List<String>> importViolations(TrackRequest event) {
    return importViolations(Objects.requireNonNull(event, "event"), clock.instant());
  }

  /**
   * Imports events through the live pipeline, all or none. Every event is checked first ({@link
   * #importViolations}); if any breaks a rule, none is imported. The events are then tracked in
   * timestamp order (an event without one happened now; ties keep the list's order), so that each
   * visitor's sessions form as they would have live, waiting up to {@code timeout} for room in the
   * buffer in all; the call then waits up to {@code timeout} more until they are stored, re-rolls
   * the rolled-up days they fall on, and answers what became of them.
   *
   * @param events 1 to {@value #MAX_IMPORT} events
   * @param timeout how long to wait for buffer room, and then for storage
   * @throws IllegalArgumentException if there are no events or more than {@value #MAX_IMPORT}, or
   *     if {@code timeout} is not positive
   * @throws InvalidEventException listing the violations of every invalid event, each field named
   *     {@code <index>.<field>}; nothing was imported
   * @throws NullPointerException if {@code events}, one of them or {@code timeout} is null
   * @throws StorageException if re-rolling a day failed (the events are imported)
   * @since 0.3
   */
  public ImportResult importEvents(List<TrackRequest> events, Duration timeout) {
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(timeout, "timeout");
    if (events.isEmpty() || events.size() > MAX_IMPORT) {
      throw new IllegalArgumentException("events must hold 1 to " + MAX_IMPORT
          + " events but held " + events.size());
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive but was " + timeout);
    }
    Instant now = clock.instant();
    Map<String, List<String>> violations = new LinkedHashMap<>();
    int invalid = 0;
    for (int i = 0; i < events.size(); i++) {
      TrackRequest event = Objects.requireNonNull(events.get(i), "events[" + i + "]");
      Map<String, List<String>> problems = importViolations(event, now);
      invalid += problems.isEmpty() ? 0 : 1;
      String index = Integer.toString(i);
      problems.forEach((field, messages) -> violations.put(index + "." + field, messages));
    }
    if (!violations.isEmpty()) {
      throw new InvalidEventException(invalid + " of " + events.size()
          + " events are invalid; nothing was imported", violations);
    }
    return track(events, now, timeout);
  }

  /** Tracks valid events in time order, waits until they are stored, and counts the drops. */
  private ImportResult track(List<TrackRequest> events, Instant now, Duration timeout) {
    List<TrackRequest> ordered = new ArrayList<>(events);
    // Stable: ties keep the list's order.
    ordered.sort(Comparator.comparing(event -> event.timestamp().orElse(now)));
    Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (TrackRequest event : ordered) {
      tracker.awaitCapacity(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      tracker.track(event, result -> count(result, dropped));
    }
    boolean stored;
    try {
      stored = flush.flush(timeout);
    } catch (IllegalStateException e) {
      // Closed, or the flush itself failed: the events are not known to be stored.
      stored = false;
    }
    Map<String, List<Instant>> timesBySite = new LinkedHashMap<>();
    for (TrackRequest event : ordered) {
      timesBySite.computeIfAbsent(event.siteId(), site -> new ArrayList<>())
          .add(event.timestamp().orElse(now));
    }
    timesBySite.forEach(this::refreshRollups);
    synchronized (dropped) {
      int droppedTotal = dropped.values().stream().mapToInt(Integer::intValue).sum();
      return new ImportResult(ordered.size() - droppedTotal, dropped, stored);
    }
  }

  private Map<String, List<String>> importViolations(TrackRequest event, Instant now) {
    Map<String, List<String>> violations = new LinkedHashMap<>();
    if (sites.find(event.siteId()).isEmpty()) {
      violation(violations, "site_id", new UnknownSiteException(event.siteId()).getMessage());
    }
    Optional<Instant> timestamp = event.timestamp();
    if (timestamp.isPresent() && timestamp.get().isAfter(now.plus(MAX_FUTURE))) {
      violation(violations, "timestamp", "timestamp must be at most " + MAX_FUTURE.toMinutes()
          + " minutes in the future but was " + timestamp.get() + " (now is " + now + ")");
    }
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    boolean anonymous = event.visitorId().isEmpty();
    if (anonymous && timestamp.isPresent()
        && timestamp.get().isBefore(today.atStartOfDay(ZoneOffset.UTC).toInstant())) {
      violation(violations, "visitor_id", "visitor_id is required for an event before today ("
          + today + " UTC): the daily salt that would identify its visitor is gone");
    } else if (anonymous && event.context().userAgent().isBlank()) {
      violation(violations, "user_agent", "user_agent is required for an event without"
          + " visitor_id: its visitor is identified by the User-Agent and the client address");
    }
    return violations;
  }

  /**
   * Rolls up again the site's rolled-up days that these event times fall on (and the day after),
   * and has reports read the days they count from raw events again.
   */
  private void refreshRollups(String siteId, List<Instant> times) {
    sites.find(siteId).ifPresent(site -> {
      List<LocalDate> days = times.stream()
          .map(time -> LocalDate.ofInstant(time, site.timezone())).sorted().toList();
      rollups.refresh(siteId, days.get(0), days.get(days.size() - 1));
    });
  }

  /** Counts a drop; called on the calling thread or the ingest thread. */
  private static void count(TrackResult result, Map<DropReason, Integer> dropped) {
    result.dropReason().ifPresent(reason -> {
      synchronized (dropped) {
        dropped.merge(reason, 1, Integer::sum);
      }
    });
  }

  private static void violation(Map<String, List<String>> violations, String field,
      String message) {
    violations.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
  }

  private static long checkId(long id) {
    if (id < 1) {
      throw new IllegalArgumentException("id must be positive but was " + id);
    }
    return id;
  }
}
