package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.EventType;
import dev.footfall.InvalidTrackRequestException;
import dev.footfall.RequestContext;
import dev.footfall.Revenue;
import dev.footfall.StoredEvents;
import dev.footfall.TrackRequest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One event of an admin import, read from JSON and turned into a {@link TrackRequest}: the legacy
 * tracking body ({@code website_id, event_type, event_name, pathname, referrer, visitor_id,
 * session_id, metadata}) plus {@code timestamp} (an ISO instant; now when absent), {@code
 * user_agent}, {@code country} (ISO 3166-1 alpha-2) and {@code revenue} ({@code {"amount":
 * "15.99", "currency": "USD"}}, the amount a numeric string or a number, on a custom event).
 *
 * <p>This class checks the JSON's shape; the tracking limits are {@link
 * TrackRequest.Builder#build() TrackRequest}'s and the import rules (registered site, timestamp not far ahead, visitor id or
 * User-Agent) are {@link StoredEvents#importViolations}'s, whose violations are reported here by
 * the body's field names. Without {@code visitor_id}, the visitor is hashed, as in live tracking,
 * from the admin request's client address and the event's User-Agent, and the country is the
 * event's or else found from that address as in live tracking; with one, no address is used at
 * all. {@code session_id} is accepted and ignored: sessions are derived by the 30-minute rule.
 */
final class ImportedEvent {
  static final Set<String> FIELDS = Set.of("website_id", "event_type", "event_name", "pathname",
      "referrer", "visitor_id", "session_id", "metadata", "timestamp", "user_agent", "country",
      "revenue");

  /** The body's names of the fields that core reports violations for, where they differ. */
  private static final Map<String, String> FIELD_NAMES = Map.of("site_id", "website_id",
      "name", "event_name", "url", "pathname", "props", "metadata");

  private final Map<String, List<String>> errors = new LinkedHashMap<>();
  private final TrackRequest request;

  /**
   * Reads and checks an event.
   *
   * @param events the stored events, whose import rules apply
   * @param clientIp the admin request's client address, for events without a visitor id
   * @param clientCountry the admin request's country from a trusted header, or empty
   */
  ImportedEvent(JsonNode body, StoredEvents events, String clientIp, String clientCountry) {
    if (body == null || !body.isObject()) {
      error("event", "an event must be a JSON object");
      request = null;
      return;
    }
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        error(name, "unknown field; an imported event has " + String.join(", ",
            new TreeSet<>(FIELDS)));
      }
    });
    String siteId = text(body, "website_id").strip();
    EventType type = eventType(text(body, "event_type"));
    String name = text(body, "event_name");
    String pathname = text(body, "pathname");
    String referrer = text(body, "referrer");
    String visitorId = scalar(body, "visitor_id");
    scalar(body, "session_id");
    String userAgent = text(body, "user_agent");
    String country = country(text(body, "country"));
    Instant timestamp = timestamp(text(body, "timestamp"));
    Map<String, Object> props = metadata(body.get("metadata"));
    Revenue revenue = RevenueJson.read(body.get("revenue"),
        message -> error("revenue", message));

    if (pathname.isBlank()) {
      error("pathname", "pathname is required (a path such as /pricing, or an absolute URL)");
    }
    if (type != EventType.CUSTOM_EVENT && !errors.containsKey("event_type") && !name.isBlank()
        && !name.strip().equals("pageview")) {
      error("event_name", "event_name must be empty or 'pageview' for a pageview; set"
          + " event_type to custom_event for a named event");
    }

    TrackRequest built = null;
    try {
      TrackRequest.Builder builder = TrackRequest.builder(siteId)
          .type(type == null ? EventType.PAGEVIEW : type)
          .url(pathname)
          .referrer(referrer)
          .visitorId(visitorId)
          .props(props)
          .revenue(revenue)
          .context(visitorId.isBlank()
              ? RequestContext.of(clientIp, userAgent)
                  .withCountry(country.isEmpty() ? clientCountry : country)
              : RequestContext.of("", userAgent).withCountry(country));
      if (type == EventType.CUSTOM_EVENT) {
        builder.name(name);
      }
      if (timestamp != null) {
        builder.timestamp(timestamp);
      }
      built = builder.build();
    } catch (InvalidTrackRequestException e) {
      e.violations().forEach((field, messages) -> {
        // A missing pathname is already reported, in the body's terms.
        if (!(field.equals("url") && pathname.isBlank())) {
          messages.forEach(message -> error(FIELD_NAMES.getOrDefault(field, field), message));
        }
      });
    }
    if (built != null) {
      events.importViolations(built).forEach((field, messages) ->
          messages.forEach(message -> error(FIELD_NAMES.getOrDefault(field, field), message)));
    }
    this.request = errors.isEmpty() ? built : null;
  }

  /** Returns the problems by field; empty when the event is valid. */
  Map<String, List<String>> errors() {
    return errors;
  }

  /** Returns the request to track; only for a valid event. */
  TrackRequest request() {
    if (request == null) {
      throw new IllegalStateException("an invalid event has no request: " + errors);
    }
    return request;
  }

  private EventType eventType(String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return EventType.fromWireName(value.strip());
    } catch (IllegalArgumentException e) {
      error("event_type", "event_type must be 'pageview' or 'custom_event' but was '" + value
          + "'");
      return null;
    }
  }

  private String country(String value) {
    if (value.isBlank()) {
      return "";
    }
    String code = value.strip();
    if (code.length() != 2 || !code.chars().allMatch(c -> c < 128 && Character.isLetter(c))) {
      error("country", "country must be an ISO 3166-1 alpha-2 code such as DE but was '" + value
          + "'");
      return "";
    }
    return code;
  }

  private Instant timestamp(String value) {
    if (value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeException e) {
      error("timestamp", "timestamp must be an ISO instant such as 2026-11-20T10:15:30Z but was '"
          + value + "'");
      return null;
    }
  }

  /** The metadata as props; values are converted as live tracking converts them. */
  private Map<String, Object> metadata(JsonNode metadata) {
    Map<String, Object> props = new LinkedHashMap<>();
    if (metadata == null || metadata.isNull()) {
      return props;
    }
    if (!metadata.isObject()) {
      error("metadata", "metadata must be a JSON object");
      return props;
    }
    metadata.properties().forEach(e -> props.put(e.getKey(),
        e.getValue().isValueNode() && !e.getValue().isNull() ? e.getValue().asText() : null));
    return props;
  }

  /** A string field, or {@code ""} when absent or null. */
  private String text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      error(field, field + " must be a string");
      return "";
    }
    return node.asText();
  }

  /** A string or number field, as text, or {@code ""} when absent or null. */
  private String scalar(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual() && !node.isNumber()) {
      error(field, field + " must be a string or a number");
      return "";
    }
    return node.asText();
  }

  private void error(String field, String message) {
    List<String> messages = errors.computeIfAbsent(field, f -> new ArrayList<>());
    if (!messages.contains(message)) {
      messages.add(message);
    }
  }
}
