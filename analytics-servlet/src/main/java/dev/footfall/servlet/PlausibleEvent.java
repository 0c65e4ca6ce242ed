package dev.footfall.servlet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.EventType;
import dev.footfall.RequestContext;
import dev.footfall.Revenue;
import dev.footfall.TrackRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Plausible Events API body: {@code name}/{@code n}, {@code url}/{@code u}, {@code
 * domain}/{@code d} (one site or a comma-separated list), {@code referrer}/{@code r}, {@code
 * props}/{@code p} (an object, or an object encoded as a JSON string, as older trackers send it)
 * {@code interactive}/{@code i} and {@code h} (hash mode: the URL's fragment is part of the page
 * path). Footfall's own script may also send {@code website_id} (the site id, which then replaces
 * {@code domain}) and, in its opt-in storage identity mode, {@code visitor_id} (hashed with the
 * site before storage) and {@code session_id} (ignored: sessions are derived on the server). Shape
 * errors are collected by field; limits are checked by {@link TrackRequest.Builder#build()}.
 */
final class PlausibleEvent {
  private final Map<String, List<String>> errors = new LinkedHashMap<>();
  private final String name;
  private final String url;
  private final List<String> domains = new ArrayList<>();
  private final String referrer;
  private final Map<String, Object> props = new LinkedHashMap<>();
  private final boolean interactive;
  private final String siteId;
  private final String visitorId;
  private final Revenue revenue;

  private PlausibleEvent(JsonNode body) {
    this.name = scalar(body, "name", "n");
    this.siteId = text(body, "website_id", "website_id");
    this.visitorId = text(body, "visitor_id", "visitor_id");
    JsonNode hashMode = field(body, "h", "h");
    String rawUrl = text(body, "url", "u");
    this.url = hashMode != null && (hashMode.asBoolean() || hashMode.asInt() == 1)
        ? withFragmentInPath(rawUrl) : rawUrl;
    this.referrer = text(body, "referrer", "r");
    String domain = text(body, "domain", "d");
    for (String d : domain.split(",")) {
      if (!d.isBlank()) {
        domains.add(d.strip());
      }
    }
    if (domains.isEmpty() && siteId.isBlank()) {
      host(rawUrl).ifPresent(domains::add); // as Plausible: the site is the page's host
    }
    if (name.isBlank() && !errors.containsKey("name")) {
      error("name", "name is required");
    }
    if (engagement()) {
      requireNumber(body, "sd", "sd (scroll depth) is required for an engagement event");
      requireNumber(body, "e", "e (engaged time) is required for an engagement event");
    }
    if (domains.isEmpty() && siteId.isBlank() && !errors.containsKey("domain")) {
      error("domain", "domain is required when the url has no host");
    }
    readProps(field(body, "props", "p"));
    this.revenue = RevenueJson.read(field(body, "revenue", "$"),
        message -> error("revenue", message));
    JsonNode i = field(body, "interactive", "i");
    if (i != null && !i.isNull() && !i.isBoolean()) {
      error("interactive", "interactive must be true or false");
    }
    this.interactive = i == null || !i.isBoolean() || i.booleanValue();
  }

  static PlausibleEvent from(JsonNode body) {
    return new PlausibleEvent(body);
  }

  /**
   * Returns whether this is an {@code engagement} event: the deepest scroll ({@code sd}, %) and
   * the engaged time ({@code e}, ms) on a page, which Plausible's current tracker sends when the
   * page is left. It is not an event: stored as one, it would count as an interaction and make
   * every one-page visit a non-bounce. Footfall acknowledges it and does not store it (yet).
   */
  boolean engagement() {
    return name.strip().equals("engagement");
  }

  Map<String, List<String>> errors() {
    return errors;
  }

  List<String> domains() {
    return domains;
  }

  /** Returns the site id the client named itself, or an empty string. */
  String siteId() {
    return siteId;
  }

  /**
   * Builds the request for one site.
   *
   * @throws dev.footfall.InvalidTrackRequestException if the event breaks a limit
   */
  TrackRequest toRequest(String siteId, RequestContext context) {
    return TrackRequest.builder(siteId)
        .type(name.strip().equals("pageview") ? EventType.PAGEVIEW : EventType.CUSTOM_EVENT)
        .name(name)
        .url(url)
        .referrer(referrer)
        .props(props)
        .interactive(interactive)
        .revenue(revenue)
        .visitorId(visitorId)
        .context(context)
        .build();
  }

  /** Moves a fragment into the path ({@code /app?x=1#/settings} → {@code /app#/settings?x=1}). */
  static String withFragmentInPath(String url) {
    int hash = url.indexOf('#');
    if (hash < 0 || hash == url.length() - 1) {
      return url;
    }
    String beforeHash = url.substring(0, hash);
    String fragment = url.substring(hash + 1).replace("?", "%3F");
    int query = beforeHash.indexOf('?');
    String path = query < 0 ? beforeHash : beforeHash.substring(0, query);
    String search = query < 0 ? "" : beforeHash.substring(query);
    return path + "%23" + fragment + search;
  }

  private void readProps(JsonNode node) {
    JsonNode object = node;
    if (node != null && node.isTextual() && !node.asText().isBlank()) {
      try {
        object = Responses.JSON.readTree(node.asText());
      } catch (JsonProcessingException e) {
        object = null;
        error("props", "props must be a JSON object");
      }
    }
    if (object == null || object.isNull() || (object.isTextual() && object.asText().isBlank())) {
      return;
    }
    if (!object.isObject()) {
      error("props", "props must be a JSON object");
      return;
    }
    object.properties().forEach(e -> props.put(e.getKey(), value(e.getValue())));
  }

  /** A prop value as the builder expects it: strings, numbers and booleans; the rest is dropped. */
  private static Object value(JsonNode node) {
    if (node.isTextual()) {
      return node.asText();
    }
    if (node.isNumber()) {
      return node.numberValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    return node.isNull() ? null : List.of();
  }

  /** The host of an absolute URL, if it has one. */
  private static Optional<String> host(String url) {
    try {
      return Optional.ofNullable(new URI(url.strip()).getHost()).filter(h -> !h.isBlank());
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /**
   * A text field that may also be a number or a boolean, taken as its text ({@code 404} is the
   * name {@code "404"}), as Plausible takes it.
   */
  private String scalar(JsonNode body, String longKey, String shortKey) {
    JsonNode node = field(body, longKey, shortKey);
    if (node != null && (node.isNumber() || node.isBoolean())) {
      return node.asText();
    }
    if (node != null && !node.isNull() && !node.isTextual()) {
      error(longKey, longKey + " must be a string, a number or a boolean");
      return "";
    }
    return text(body, longKey, shortKey);
  }

  private String text(JsonNode body, String longKey, String shortKey) {
    JsonNode node = field(body, longKey, shortKey);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      error(longKey, longKey + " must be a string");
      return "";
    }
    return node.asText();
  }

  private void requireNumber(JsonNode body, String key, String message) {
    JsonNode node = body.get(key);
    if (node == null || !node.isNumber()) {
      error(key, message);
    }
  }

  private static JsonNode field(JsonNode body, String longKey, String shortKey) {
    JsonNode node = body.get(longKey);
    return node != null ? node : body.get(shortKey);
  }

  private void error(String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
  }
}
