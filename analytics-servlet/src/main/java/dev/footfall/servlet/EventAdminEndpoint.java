package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.DropReason;
import dev.footfall.Event;
import dev.footfall.EventType;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.TrackResult;
import dev.footfall.Tracker;
import dev.footfall.UnknownSiteException;
import dev.footfall.spi.EventPage;
import dev.footfall.spi.EventQuery;
import dev.footfall.spi.EventStore;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /admin/analytics-events}: list stored events ({@code GET}, paged and filtered) and import
 * events ({@code POST} one, {@code POST .../batch} up to {@value #MAX_BATCH});
 * {@code /admin/analytics-events/{id}}: read, correct ({@code PUT} with any of {@code event_name},
 * {@code pathname}, {@code metadata}) and delete one.
 *
 * <p>Imports: every event is checked first ({@link ImportedEvent}); if any breaks a rule, nothing
 * is imported and the answer lists the errors by index and field. Valid events then go through the
 * same pipeline as live tracking ({@link Tracker#awaitCapacity}, {@link Tracker#track}), ordered by
 * timestamp (stably), so that each visitor's sessions form as they would have live; the answer
 * waits for {@link Analytics#flush} so that the events are stored when it arrives, and counts what
 * the pipeline dropped (bots, say) by reason.
 *
 * <p>Corrections and deletions change the event only: sessions are derived when events are tracked
 * and are not rewritten.
 */
final class EventAdminEndpoint {
  /** The most events one batch import may hold. */
  static final int MAX_BATCH = 1_000;
  /** How long an import waits for buffer room, and then for its events to be stored. */
  static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(30);
  static final Set<String> LIST_PARAMETERS = Set.of("site_id", "type", "name", "pathname",
      "start_date", "end_date", "limit", "page");
  private static final Set<String> UPDATE_FIELDS = Set.of("event_name", "pathname", "metadata");

  private final Analytics analytics;
  private final EventStore events;
  private final Duration importTimeout;

  EventAdminEndpoint(Analytics analytics) {
    this(analytics, IMPORT_TIMEOUT);
  }

  /** For tests: waits at most {@code importTimeout} for buffer room and for storage. */
  EventAdminEndpoint(Analytics analytics, Duration importTimeout) {
    this.analytics = analytics;
    this.events = analytics.storage().events();
    this.importTimeout = importTimeout;
  }

  /**
   * Lists a site's events, filtered and paged.
   *
   * @throws IllegalArgumentException for a missing site id or a bad parameter
   * @throws UnknownSiteException for an unknown site
   */
  Map<String, Object> list(QueryParameters parameters) {
    parameters.allowOnly(LIST_PARAMETERS);
    String siteId = parameters.get("site_id").orElseThrow(() -> new IllegalArgumentException(
        "site_id is required: the events of which site?"));
    Site site = analytics.sites().find(siteId).orElseThrow(() -> new UnknownSiteException(siteId));
    int limit = parameters.intValue("limit", EventQuery.DEFAULT_LIMIT);
    if (limit < 1 || limit > EventQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + EventQuery.MAX_LIMIT
          + " but was " + limit);
    }
    int page = parameters.intValue("page", 1);
    int maxPage = Integer.MAX_VALUE / limit; // so that the offset, (page - 1) * limit, fits
    if (page < 1 || page > maxPage) {
      throw new IllegalArgumentException("page must be between 1 and " + maxPage + " but was "
          + page);
    }
    EventQuery.Builder query = EventQuery.builder(siteId).limit(limit).offset((page - 1) * limit);
    parameters.get("type").ifPresent(type -> query.type(eventType("type", type)));
    parameters.get("name").ifPresent(query::name);
    parameters.get("pathname").ifPresent(query::pathname);
    Optional<LocalDate> start = parameters.date("start_date");
    Optional<LocalDate> end = parameters.date("end_date");
    if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
      throw new IllegalArgumentException("start_date must not be after end_date but was "
          + start.get() + " (end_date is " + end.get() + ")");
    }
    start.ifPresent(d -> query.from(d.atStartOfDay(site.timezone()).toInstant()));
    end.ifPresent(d -> query.to(d.plusDays(1).atStartOfDay(site.timezone()).toInstant()));

    EventPage found = events.search(query.build());
    List<Map<String, Object>> results = new ArrayList<>();
    found.events().forEach(e -> results.add(json(e)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("results", results);
    body.put("total", found.total());
    body.put("page", page);
    body.put("limit", limit);
    return body;
  }

  /** Returns an event's JSON; {@code 404} if there is none with that id. */
  Map<String, Object> read(String id) {
    return json(find(id));
  }

  /**
   * Corrects an event's name, pathname or metadata, with the limits of tracking.
   *
   * @throws InvalidEventsException listing every bad field
   */
  Map<String, Object> update(String id, JsonNode body) {
    Event current = find(id);
    Map<String, List<String>> errors = new LinkedHashMap<>();
    body.fieldNames().forEachRemaining(name -> {
      if (!UPDATE_FIELDS.contains(name)) {
        error(errors, name, "unknown field; an event's event_name, pathname and metadata can"
            + " be changed (the rest is derived when it is tracked)");
      }
    });
    Event.Builder changed = current.toBuilder();
    JsonNode name = body.get("event_name");
    if (name != null) {
      checkName(current, name, errors).ifPresent(changed::name);
    }
    JsonNode pathname = body.get("pathname");
    if (pathname != null) {
      checkPathname(pathname, errors).ifPresent(changed::pathname);
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null) {
      checkMetadata(metadata, errors).ifPresent(changed::props);
    }
    if (!errors.isEmpty()) {
      throw new InvalidEventsException("the change is invalid; the event was not changed",
          errors);
    }
    if (!events.update(changed.build())) {
      throw notFound(id);
    }
    refreshRollups(current.siteId(), List.of(current.timestamp()));
    return read(id);
  }

  /** Deletes an event; {@code 404} if there is none with that id. */
  void delete(String id) {
    Event current = find(id);
    if (!events.delete(eventId(id))) {
      throw notFound(id);
    }
    refreshRollups(current.siteId(), List.of(current.timestamp()));
  }

  /**
   * Imports one event (a JSON object).
   *
   * @throws InvalidEventsException listing the errors by field; nothing is imported
   */
  Map<String, Object> importOne(JsonNode body, String clientIp, String clientCountry) {
    if (body.isArray()) {
      throw new IllegalArgumentException("body must be one event, a JSON object; post a JSON"
          + " array of events to /admin/analytics-events/batch");
    }
    ImportedEvent event = new ImportedEvent(body, analytics.sites(), analytics.clock().instant(),
        clientIp, clientCountry);
    if (!event.errors().isEmpty()) {
      throw new InvalidEventsException("the event is invalid; nothing was imported",
          event.errors());
    }
    return track(List.of(event));
  }

  /**
   * Imports a batch of events (a JSON array of at most {@value #MAX_BATCH}).
   *
   * @throws InvalidEventsException listing the errors by index and field; nothing is imported
   */
  Map<String, Object> importBatch(JsonNode body, String clientIp, String clientCountry) {
    if (!body.isArray()) {
      throw new IllegalArgumentException("body must be a JSON array of events");
    }
    if (body.isEmpty() || body.size() > MAX_BATCH) {
      throw new IllegalArgumentException("a batch must hold 1 to " + MAX_BATCH
          + " events but held " + body.size());
    }
    Instant now = analytics.clock().instant();
    List<ImportedEvent> checked = new ArrayList<>();
    Map<String, Map<String, List<String>>> errors = new LinkedHashMap<>();
    for (int i = 0; i < body.size(); i++) {
      ImportedEvent event = new ImportedEvent(body.get(i), analytics.sites(), now, clientIp,
          clientCountry);
      checked.add(event);
      if (!event.errors().isEmpty()) {
        errors.put(Integer.toString(i), event.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidEventsException(errors.size() + " of " + body.size()
          + " events are invalid; nothing was imported", errors);
    }
    return track(checked);
  }

  /**
   * Tracks valid events in time order, waits until they are stored, and reports how many the
   * pipeline accepted and dropped.
   */
  private Map<String, Object> track(List<ImportedEvent> checked) {
    List<ImportedEvent> ordered = new ArrayList<>(checked);
    ordered.sort(Comparator.comparing(ImportedEvent::time)); // stable: ties keep the body's order
    Map<DropReason, Integer> dropped = new EnumMap<>(DropReason.class);
    Tracker tracker = analytics.tracker();
    long deadline = System.nanoTime() + importTimeout.toNanos();
    for (ImportedEvent event : ordered) {
      TrackRequest request = event.request();
      tracker.awaitCapacity(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
      tracker.track(request, result -> count(result, dropped));
    }
    boolean stored;
    try {
      stored = analytics.flush(importTimeout);
    } catch (IllegalStateException e) {
      // Closed, or the flush itself failed: the events are not known to be stored.
      stored = false;
    }
    Map<String, List<Instant>> timesBySite = new LinkedHashMap<>();
    for (ImportedEvent event : ordered) {
      timesBySite.computeIfAbsent(event.request().siteId(), site -> new ArrayList<>())
          .add(event.time());
    }
    timesBySite.forEach(this::refreshRollups);
    Map<String, Integer> droppedByName = new LinkedHashMap<>();
    int droppedTotal = 0;
    synchronized (dropped) {
      for (Map.Entry<DropReason, Integer> e : dropped.entrySet()) {
        droppedByName.put(e.getKey().name().toLowerCase(Locale.ROOT), e.getValue());
        droppedTotal += e.getValue();
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accepted", ordered.size() - droppedTotal);
    body.put("dropped", droppedByName);
    body.put("stored", stored);
    return body;
  }

  /** Rolls up again the site's rolled-up days that these event times fall on. */
  private void refreshRollups(String siteId, List<Instant> times) {
    analytics.sites().find(siteId).ifPresent(site -> {
      List<LocalDate> days = times.stream()
          .map(time -> LocalDate.ofInstant(time, site.timezone())).sorted().toList();
      analytics.rollups().refresh(siteId, days.get(0), days.get(days.size() - 1));
    });
  }

  /** Counts a drop; called on the request thread or the ingest thread. */
  private static void count(TrackResult result, Map<DropReason, Integer> dropped) {
    result.dropReason().ifPresent(reason -> {
      synchronized (dropped) {
        dropped.merge(reason, 1, Integer::sum);
      }
    });
  }

  private Event find(String id) {
    return events.find(eventId(id)).orElseThrow(() -> notFound(id));
  }

  private static long eventId(String id) {
    try {
      long value = Long.parseLong(id);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw new IllegalArgumentException("event id must be a positive integer but was '" + id
        + "'");
  }

  private static AdminApi.NotFoundException notFound(String id) {
    return new AdminApi.NotFoundException("event " + id + " does not exist");
  }

  private static Optional<String> checkName(Event current, JsonNode node,
      Map<String, List<String>> errors) {
    if (!node.isTextual()) {
      error(errors, "event_name", "event_name must be a string");
      return Optional.empty();
    }
    String name = withoutNul(node.asText()).strip();
    if (current.type() == EventType.PAGEVIEW) {
      if (!name.equals("pageview")) {
        error(errors, "event_name", "a pageview's event_name is always 'pageview' but was '"
            + name + "'");
      }
      return Optional.empty();
    }
    if (name.isEmpty()) {
      error(errors, "event_name", "event_name must not be empty");
    } else if (name.length() > TrackRequest.MAX_NAME_LENGTH) {
      error(errors, "event_name", "event_name must be at most " + TrackRequest.MAX_NAME_LENGTH
          + " characters but was " + name.length());
    } else {
      return Optional.of(name);
    }
    return Optional.empty();
  }

  private static Optional<String> checkPathname(JsonNode node, Map<String, List<String>> errors) {
    if (!node.isTextual()) {
      error(errors, "pathname", "pathname must be a string");
      return Optional.empty();
    }
    String pathname = withoutNul(node.asText()).strip();
    int bytes = pathname.getBytes(UTF_8).length;
    if (!pathname.startsWith("/")) {
      error(errors, "pathname", "pathname must start with '/' but was '" + abbreviate(pathname)
          + "'");
    } else if (bytes > TrackRequest.MAX_URL_BYTES) {
      error(errors, "pathname", "pathname must be at most " + TrackRequest.MAX_URL_BYTES
          + " bytes but was " + bytes);
    } else {
      return Optional.of(pathname);
    }
    return Optional.empty();
  }

  private static Optional<Map<String, String>> checkMetadata(JsonNode node,
      Map<String, List<String>> errors) {
    if (!node.isObject()) {
      error(errors, "metadata", "metadata must be a JSON object of strings");
      return Optional.empty();
    }
    if (node.size() > TrackRequest.MAX_PROPS) {
      error(errors, "metadata", "metadata must have at most " + TrackRequest.MAX_PROPS
          + " props but had " + node.size());
      return Optional.empty();
    }
    Map<String, String> props = new LinkedHashMap<>();
    node.properties().forEach(e -> {
      String key = withoutNul(e.getKey()).strip();
      JsonNode value = e.getValue();
      int keyBytes = key.getBytes(UTF_8).length;
      if (key.isEmpty()) {
        error(errors, "metadata", "prop keys must not be empty");
      } else if (keyBytes > TrackRequest.MAX_PROP_KEY_BYTES) {
        error(errors, "metadata", "prop key '" + abbreviate(key) + "' must be at most "
            + TrackRequest.MAX_PROP_KEY_BYTES + " bytes but was " + keyBytes);
      } else if (!value.isTextual() || value.asText().isBlank()) {
        error(errors, "metadata", "value of prop '" + key + "' must be a non-empty string");
      } else {
        String text = withoutNul(value.asText());
        int valueBytes = text.getBytes(UTF_8).length;
        if (valueBytes > TrackRequest.MAX_PROP_VALUE_BYTES) {
          error(errors, "metadata", "value of prop '" + key + "' must be at most "
              + TrackRequest.MAX_PROP_VALUE_BYTES + " bytes but was " + valueBytes);
        } else {
          props.put(key, text);
        }
      }
    });
    return Optional.of(props);
  }

  private static EventType eventType(String parameter, String value) {
    try {
      return EventType.fromWireName(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(parameter + " must be pageview or custom_event but was '"
          + value + "'");
    }
  }


  private static void error(Map<String, List<String>> errors, String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
  }

  private static String withoutNul(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  /** An event as the admin API shows it; visitor and session ids are strings (64-bit hashes). */
  static Map<String, Object> json(Event e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", e.id().orElseThrow());
    json.put("site_id", e.siteId());
    json.put("event_type", e.type().wireName());
    json.put("event_name", e.name());
    json.put("hostname", e.hostname());
    json.put("pathname", e.pathname());
    json.put("referrer", e.referrer());
    json.put("referrer_source", e.referrerSource());
    json.put("utm_source", e.utm().source());
    json.put("utm_medium", e.utm().medium());
    json.put("utm_campaign", e.utm().campaign());
    json.put("utm_content", e.utm().content());
    json.put("utm_term", e.utm().term());
    json.put("visitor_id", Long.toString(e.visitorId()));
    json.put("session_id", Long.toString(e.sessionId()));
    json.put("browser", e.browser());
    json.put("browser_version", e.browserVersion());
    json.put("os", e.os());
    json.put("os_version", e.osVersion());
    json.put("device_type", e.deviceType());
    json.put("country", e.country());
    json.put("interactive", e.interactive());
    json.put("metadata", e.props());
    json.put("timestamp", e.timestamp().toString());
    return json;
  }
}
