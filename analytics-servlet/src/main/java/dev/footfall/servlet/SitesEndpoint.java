package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Site;
import dev.footfall.SiteRegistry;
import dev.footfall.UnknownSiteException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /admin/websites}: list ({@code GET}) and register ({@code POST {id, domain, timezone,
 * name?}}) sites; {@code /admin/websites/{id}}: read, update ({@code PUT} with any of domain,
 * timezone, name) and delete them.
 */
final class SitesEndpoint {
  private static final Set<String> FIELDS = Set.of("id", "domain", "timezone", "name");

  private final SiteRegistry sites;
  private final Clock clock;

  SitesEndpoint(SiteRegistry sites, Clock clock) {
    this.sites = sites;
    this.clock = clock;
  }

  Map<String, Object> list() {
    List<Map<String, Object>> results = new ArrayList<>();
    sites.list().forEach(site -> results.add(json(site)));
    return Map.of("results", results);
  }

  /**
   * Registers a site.
   *
   * @throws IllegalArgumentException for a bad field
   * @throws ConflictException if the id or the domain is taken
   */
  Map<String, Object> create(JsonNode body) {
    checkFields(body);
    String id = required(body, "id");
    if (sites.find(id).isPresent()) {
      throw new ConflictException("site '" + id + "' already exists");
    }
    Site site = Site.of(id, required(body, "domain"), zone(required(body, "timezone")),
        optional(body, "name", ""), clock.instant());
    save(site);
    return json(site);
  }

  Map<String, Object> read(String id) {
    return json(find(id));
  }

  /**
   * Changes a site's domain, timezone or name.
   *
   * @throws IllegalArgumentException for a bad field, or an id that differs from the path's
   */
  Map<String, Object> update(String id, JsonNode body) {
    checkFields(body);
    Site current = find(id);
    String bodyId = optional(body, "id", id);
    if (!bodyId.equals(id)) {
      throw new IllegalArgumentException("id cannot be changed (was '" + id + "', body has '"
          + bodyId + "')");
    }
    Site site = Site.of(id, optional(body, "domain", current.domain()),
        zone(optional(body, "timezone", current.timezone().getId())),
        optional(body, "name", current.name()), current.createdAt());
    save(site);
    return json(site);
  }

  void delete(String id) {
    if (!sites.delete(id)) {
      throw new UnknownSiteException(id);
    }
  }

  private void save(Site site) {
    try {
      sites.save(site);
    } catch (IllegalArgumentException e) {
      // The registry refuses a domain another site has.
      throw new ConflictException(e.getMessage());
    }
  }

  private Site find(String id) {
    return sites.find(id).orElseThrow(() -> new UnknownSiteException(id));
  }

  private static void checkFields(JsonNode body) {
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name
            + "'; a site has id, domain, timezone and name");
      }
    });
  }

  private static String required(JsonNode body, String field) {
    String value = optional(body, field, "");
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static String optional(JsonNode body, String field, String defaultValue) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return defaultValue;
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return node.asText();
  }

  private static ZoneId zone(String id) {
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new IllegalArgumentException("timezone must be an IANA timezone such as Europe/Berlin"
          + " but was '" + id + "'");
    }
  }

  static Map<String, Object> json(Site site) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", site.id());
    json.put("domain", site.domain());
    json.put("timezone", site.timezone().getId());
    json.put("name", site.name());
    json.put("created_at", site.createdAt().toString());
    return json;
  }
}
