package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.EventType;
import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy tracking body: {@code {website_id, event_type, event_name?, pathname, referrer?,
 * visitor_id?, session_id?, metadata?}}. A client-sent {@code session_id} is accepted and ignored:
 * sessions are always derived from the (hashed) visitor id by the 30-minute rule, so nothing the
 * client sends is stored raw.
 */
final class LegacyEvent {
  private final JsonNode body;

  private LegacyEvent(JsonNode body) {
    this.body = body;
  }

  /** Parses a body; empty if it is not a JSON object. */
  static Optional<LegacyEvent> parse(byte[] body) throws IOException {
    JsonNode node = Responses.JSON.readTree(body);
    return node != null && node.isObject() ? Optional.of(new LegacyEvent(node)) : Optional.empty();
  }

  /** Returns the request, or empty when the body is incomplete or breaks a limit. */
  Optional<TrackRequest> toRequest(RequestContext context) {
    String siteId = text("website_id");
    String type = text("event_type");
    String path = text("pathname").isEmpty() ? text("url") : text("pathname");
    if (siteId.isEmpty() || path.isEmpty()) {
      return Optional.empty();
    }
    try {
      EventType eventType = type.isEmpty() ? EventType.PAGEVIEW : EventType.fromWireName(type);
      TrackRequest.Builder builder = TrackRequest.builder(siteId)
          .type(eventType)
          .url(path)
          .referrer(text("referrer"))
          .visitorId(text("visitor_id"))
          .props(metadata())
          .context(context);
      if (eventType == EventType.CUSTOM_EVENT) {
        builder.name(text("event_name"));
      }
      return Optional.of(builder.build());
    } catch (IllegalArgumentException e) {
      // An unknown event type or an InvalidTrackRequestException: the legacy endpoint stays silent.
      return Optional.empty();
    }
  }

  private Map<String, Object> metadata() {
    Map<String, Object> props = new LinkedHashMap<>();
    JsonNode metadata = body.get("metadata");
    if (metadata != null && metadata.isObject()) {
      metadata.properties().forEach(e -> props.put(e.getKey(),
          e.getValue().isValueNode() && !e.getValue().isNull() ? e.getValue().asText() : null));
    }
    return props;
  }

  private String text(String key) {
    JsonNode node = body.get(key);
    return node != null && node.isValueNode() && !node.isNull() ? node.asText().strip() : "";
  }
}
