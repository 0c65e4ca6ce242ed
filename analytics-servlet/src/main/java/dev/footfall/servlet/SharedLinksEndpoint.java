package dev.footfall.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.SharedLink;
import dev.footfall.SharedLinks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /admin/websites/{id}/shared-links}: list ({@code GET}) and create ({@code POST {"name"?,
 * "password"?}}) a site's shared links; {@code .../shared-links/{linkId}}: revoke ({@code
 * DELETE}). A thin adapter over {@link SharedLinks}, which owns every rule. Only the answer to the
 * {@code POST} holds the token and the link's {@code path} ({@code /share/<token>}, relative to
 * where Footfall is mounted); lists never do. A storage that keeps no shared links is {@code 409}.
 */
final class SharedLinksEndpoint {
  private static final Set<String> FIELDS = Set.of("name", "password");

  private final SharedLinks links;

  SharedLinksEndpoint(SharedLinks links) {
    this.links = links;
  }

  Map<String, Object> list(String siteId) {
    List<Map<String, Object>> results = new ArrayList<>();
    stored(() -> links.list(siteId)).forEach(link -> results.add(json(link)));
    return Map.of("results", results);
  }

  Map<String, Object> create(String siteId, JsonNode body) {
    body.fieldNames().forEachRemaining(name -> {
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name
            + "'; a shared link has name and password, both optional");
      }
    });
    String name = text(body, "name").orElse("");
    Optional<String> password = text(body, "password").filter(p -> !p.isEmpty());
    SharedLink link = stored(() -> links.create(siteId, name, password));
    Map<String, Object> json = json(link);
    json.put("token", link.token().orElseThrow());
    json.put("path", SharedDashboard.PREFIX + link.token().orElseThrow());
    return json;
  }

  void revoke(String siteId, String id) {
    if (!stored(() -> links.revoke(siteId, id))) {
      throw new AdminApi.NotFoundException("site '" + siteId + "' has no shared link '" + id
          + "'");
    }
  }

  private static Map<String, Object> json(SharedLink link) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", link.id());
    json.put("name", link.name());
    json.put("password_protected", link.passwordProtected());
    json.put("created_at", link.createdAt().toString());
    return json;
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return Optional.of(node.asText());
  }

  /** Calls {@link SharedLinks}, answering a storage without them as a conflict. */
  private static <T> T stored(Supplier<T> call) {
    try {
      return call.get();
    } catch (UnsupportedOperationException e) {
      throw new ConflictException(e.getMessage());
    }
  }
}
