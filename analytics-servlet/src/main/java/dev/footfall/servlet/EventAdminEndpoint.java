package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Analytics;
import dev.footfall.DropReason;
import dev.footfall.Event;
import dev.footfall.EventChange;
import dev.footfall.EventSearch;
import dev.footfall.EventType;
import dev.footfall.ImportResult;
import dev.footfall.InvalidEventException;
import dev.footfall.StoredEvents;
import dev.footfall.TrackRequest;
import dev.footfall.UnknownSiteException;
import dev.footfall.spi.EventPage;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The HTTP side of {@link StoredEvents}: {@code /admin/analytics-events} lists stored events
 * ({@code GET}, paged and filtered) and imports events ({@code POST} one, {@code POST .../batch} up
 * to {@value #MAX_BATCH}); {@code /admin/analytics-events/{id}} reads, corrects ({@code PUT} with
 * any of {@code event_name}, {@code pathname}, {@code metadata}) and deletes one.
 *
 * <p>This class reads query parameters and JSON, checks their shape and maps the answers to JSON;
 * the rules (limits, paging, import order, waiting for storage, re-rolling days) are core's. Bad
 * input is an {@link IllegalArgumentException} (answered {@code 400}) or an {@link
 * InvalidEventsException} listing the errors by field, and for a batch by index and field ({@code
 * 400} with {@code errors}); an unknown site or event is {@code 404}.
 */
final class EventAdminEndpoint {
  /** The most events one batch import may hold. */
  static final int MAX_BATCH = StoredEvents.MAX_IMPORT;
  /** How long an import waits for buffer room, and then for its events to be stored. */
  static final Duration IMPORT_TIMEOUT = Duration.ofSeconds(30);
  static final Set<String> LIST_PARAMETERS = Set.of("site_id", "type", "name", "pathname",
      "start_date", "end_date", "limit", "page");
  /** The fields a correction may hold, in the order their errors are reported. */
  private static final List<String> UPDATE_FIELDS = List.of("event_name", "pathname", "metadata");

  private final StoredEvents events;
  private final Duration importTimeout;

  EventAdminEndpoint(Analytics analytics) {
    this(analytics, IMPORT_TIMEOUT);
  }

  /** For tests: waits at most {@code importTimeout} for buffer room and for storage. */
  EventAdminEndpoint(Analytics analytics, Duration importTimeout) {
    this.events = analytics.events();
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
    EventSearch.Builder search = EventSearch.builder(siteId)
        .limit(parameters.intValue("limit", EventSearch.DEFAULT_LIMIT))
        .page(parameters.intValue("page", 1));
    parameters.get("type").ifPresent(type -> search.type(eventType("type", type)));
    parameters.get("name").ifPresent(search::name);
    parameters.get("pathname").ifPresent(search::pathname);
    Optional<LocalDate> start = parameters.date("start_date");
    Optional<LocalDate> end = parameters.date("end_date");
    if (start.isPresent() && end.isPresent() && start.get().isAfter(end.get())) {
      // Core checks this too; here it is said in the parameters' names.
      throw new IllegalArgumentException("start_date must not be after end_date but was "
          + start.get() + " (end_date is " + end.get() + ")");
    }
    start.ifPresent(search::startDate);
    end.ifPresent(search::endDate);
    EventSearch built = search.build();

    EventPage found = events.list(built);
    List<Map<String, Object>> results = new ArrayList<>();
    found.events().forEach(e -> results.add(json(e)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("results", results);
    body.put("total", found.total());
    body.put("page", built.page());
    body.put("limit", built.limit());
    return body;
  }

  /** Returns an event's JSON; {@code 404} if there is none with that id. */
  Map<String, Object> read(String id) {
    return json(find(id));
  }

  /**
   * Corrects an event's name, pathname or metadata ({@link StoredEvents#update}).
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
    Map<String, List<String>> shapeErrors = new LinkedHashMap<>();
    EventChange.Builder change = EventChange.builder();
    JsonNode name = body.get("event_name");
    if (name != null) {
      if (name.isTextual()) {
        change.name(name.asText());
      } else {
        error(shapeErrors, "event_name", "event_name must be a string");
      }
    }
    JsonNode pathname = body.get("pathname");
    if (pathname != null) {
      if (pathname.isTextual()) {
        change.pathname(pathname.asText());
      } else {
        error(shapeErrors, "pathname", "pathname must be a string");
      }
    }
    JsonNode metadata = body.get("metadata");
    if (metadata != null) {
      if (metadata.isObject()) {
        Map<String, String> props = new LinkedHashMap<>();
        // A value that is not a string is passed as null, which core refuses by its key.
        metadata.properties().forEach(e ->
            props.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : null));
        change.props(props);
      } else {
        error(shapeErrors, "metadata", "metadata must be a JSON object of strings");
      }
    }
    EventChange built = change.build();
    Map<String, List<String>> violations = built.violations(current.type());
    for (String field : UPDATE_FIELDS) {
      shapeErrors.getOrDefault(field, List.of()).forEach(m -> error(errors, field, m));
      violations.getOrDefault(field, List.of()).forEach(m -> error(errors, field, m));
    }
    if (!errors.isEmpty()) {
      throw new InvalidEventsException("the change is invalid; the event was not changed",
          errors);
    }
    try {
      return json(events.update(eventId(id), built).orElseThrow(() -> notFound(id)));
    } catch (InvalidEventException e) {
      throw new InvalidEventsException("the change is invalid; the event was not changed",
          e.violations());
    }
  }

  /** Deletes an event; {@code 404} if there is none with that id. */
  void delete(String id) {
    if (!events.delete(eventId(id))) {
      throw notFound(id);
    }
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
    ImportedEvent event = new ImportedEvent(body, events, clientIp, clientCountry);
    if (!event.errors().isEmpty()) {
      throw new InvalidEventsException("the event is invalid; nothing was imported",
          event.errors());
    }
    return importEvents(List.of(event.request()));
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
    List<TrackRequest> requests = new ArrayList<>();
    Map<String, Map<String, List<String>>> errors = new LinkedHashMap<>();
    for (int i = 0; i < body.size(); i++) {
      ImportedEvent event = new ImportedEvent(body.get(i), events, clientIp, clientCountry);
      if (event.errors().isEmpty()) {
        requests.add(event.request());
      } else {
        errors.put(Integer.toString(i), event.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidEventsException(errors.size() + " of " + body.size()
          + " events are invalid; nothing was imported", errors);
    }
    return importEvents(requests);
  }

  /** Imports checked events and answers how many the pipeline accepted and dropped. */
  private Map<String, Object> importEvents(List<TrackRequest> requests) {
    ImportResult result = events.importEvents(requests, importTimeout);
    Map<String, Integer> dropped = new LinkedHashMap<>();
    result.dropped().forEach((DropReason reason, Integer count) ->
        dropped.put(reason.name().toLowerCase(Locale.ROOT), count));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("accepted", result.accepted());
    body.put("dropped", dropped);
    body.put("stored", result.stored());
    return body;
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

  /**
   * An event as the admin API shows it; visitor and session ids are strings (64-bit hashes), and
   * the revenue's amount is a string, to stay exact.
   */
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
    json.put("revenue", e.revenue().map(revenue -> {
      Map<String, Object> money = new LinkedHashMap<>();
      money.put("amount", revenue.amount().toPlainString());
      money.put("currency", revenue.currency().getCurrencyCode());
      return money;
    }).orElse(null));
    json.put("timestamp", e.timestamp().toString());
    return json;
  }
}
