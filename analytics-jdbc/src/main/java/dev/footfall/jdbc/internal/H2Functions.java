package dev.footfall.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * SQL functions Footfall's H2 schema declares (H2 has no JSON path function). Not API.
 */
public final class H2Functions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private H2Functions() {}

  /**
   * {@code FOOTFALL_PROP(metadata, key)}: the string value of a prop in an event's JSON metadata,
   * or null when the event has no such prop.
   */
  public static String prop(String metadata, String key) throws JsonProcessingException {
    if (metadata == null || key == null || metadata.length() <= 2) {
      return null;
    }
    JsonNode value = JSON.readTree(metadata).get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  /**
   * {@code FOOTFALL_PROP_KEYS(metadata)}: the keys of an event's JSON metadata as a JSON array, or
   * null when it has none.
   */
  public static String propKeys(String metadata) throws JsonProcessingException {
    if (metadata == null || metadata.length() <= 2) {
      return null;
    }
    ArrayNode keys = JSON.createArrayNode();
    JSON.readTree(metadata).fieldNames().forEachRemaining(keys::add);
    return keys.isEmpty() ? null : JSON.writeValueAsString(keys);
  }
}
