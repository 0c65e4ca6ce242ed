package dev.footfall.servlet;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import dev.footfall.Funnel;
import dev.footfall.Goal;
import dev.footfall.Goals;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /admin/websites/{id}/goals} and {@code /admin/websites/{id}/funnels}: list ({@code GET})
 * and add ({@code POST}) a site's goals and funnels; {@code .../goals/{name}} and {@code
 * .../funnels/{name}}: read ({@code GET}) and delete ({@code DELETE}) one, its name URL-encoded.
 * A thin adapter over {@link Goals}, which owns every rule; this class only maps its answers to
 * HTTP: a name that is taken or a goal a funnel still uses is {@code 409}, a missing one {@code
 * 404}, a storage that keeps no goals {@code 409}.
 *
 * <p>A goal is {@code {"name"?, "event_name"}} (a custom event; with {@code "currency"} a revenue
 * goal) or {@code {"name"?, "page_path"}} (pageviews of pages matching a wildcard pattern); the
 * name defaults to the event name or {@code Visit <page_path>}. A funnel is {@code {"name",
 * "steps": [goal names]}}.
 */
final class GoalsEndpoint {
  private static final Set<String> GOAL_FIELDS = Set.of("name", "event_name", "page_path",
      "currency");
  private static final Set<String> FUNNEL_FIELDS = Set.of("name", "steps");

  private final Goals goals;

  GoalsEndpoint(Goals goals) {
    this.goals = goals;
  }

  Map<String, Object> goals(String siteId) {
    List<Map<String, Object>> results = new ArrayList<>();
    stored(() -> goals.list(siteId)).forEach(goal -> results.add(json(goal)));
    return Map.of("results", results);
  }

  Map<String, Object> goal(String siteId, String name) {
    return json(stored(() -> goals.find(siteId, name)).orElseThrow(() -> noGoal(siteId, name)));
  }

  /**
   * Adds a goal.
   *
   * @throws IllegalArgumentException for a bad field
   * @throws ConflictException if the site has a goal of that name
   */
  Map<String, Object> addGoal(String siteId, JsonNode body) {
    checkFields(body, GOAL_FIELDS, "a goal has name, event_name or page_path, and currency");
    String eventName = text(body, "event_name").orElse("");
    String pagePath = text(body, "page_path").orElse("");
    Optional<Currency> currency = text(body, "currency").map(GoalsEndpoint::currency);
    String name = text(body, "name")
        .orElse(pagePath.isEmpty() ? eventName : "Visit " + pagePath);
    Goal goal = new Goal(name, eventName, pagePath, currency);
    if (stored(() -> goals.find(siteId, goal.name())).isPresent()) {
      throw new ConflictException("site '" + siteId + "' already has a goal named '"
          + goal.name() + "'");
    }
    stored(() -> {
      goals.add(siteId, goal);
      return null;
    });
    return json(goal);
  }

  /**
   * Deletes a goal.
   *
   * @throws ConflictException if a funnel has the goal as a step
   * @throws AdminApi.NotFoundException if the site has no goal of that name
   */
  void deleteGoal(String siteId, String name) {
    for (Funnel funnel : stored(() -> goals.funnels(siteId))) {
      if (funnel.steps().contains(name)) {
        throw new ConflictException("goal '" + name + "' is a step of funnel '" + funnel.name()
            + "'; delete the funnel first");
      }
    }
    if (!stored(() -> goals.delete(siteId, name))) {
      throw noGoal(siteId, name);
    }
  }

  Map<String, Object> funnels(String siteId) {
    List<Map<String, Object>> results = new ArrayList<>();
    stored(() -> goals.funnels(siteId)).forEach(funnel -> results.add(json(funnel)));
    return Map.of("results", results);
  }

  Map<String, Object> funnel(String siteId, String name) {
    return json(stored(() -> goals.findFunnel(siteId, name))
        .orElseThrow(() -> noFunnel(siteId, name)));
  }

  /**
   * Adds a funnel.
   *
   * @throws IllegalArgumentException for a bad field, or a step that names no goal
   * @throws ConflictException if the site has a funnel of that name
   */
  Map<String, Object> addFunnel(String siteId, JsonNode body) {
    checkFields(body, FUNNEL_FIELDS, "a funnel has name and steps");
    String name = text(body, "name")
        .orElseThrow(() -> new IllegalArgumentException("name is required"));
    JsonNode stepsNode = body.get("steps");
    if (stepsNode == null || !stepsNode.isArray()) {
      throw new IllegalArgumentException("steps is required: an array of " + Funnel.MIN_STEPS
          + " to " + Funnel.MAX_STEPS + " goal names");
    }
    List<String> steps = new ArrayList<>();
    for (JsonNode step : stepsNode) {
      if (!step.isTextual()) {
        throw new IllegalArgumentException("steps must be goal names (strings) but had " + step);
      }
      steps.add(step.asText());
    }
    Funnel funnel = new Funnel(name, steps);
    if (stored(() -> goals.findFunnel(siteId, funnel.name())).isPresent()) {
      throw new ConflictException("site '" + siteId + "' already has a funnel named '"
          + funnel.name() + "'");
    }
    stored(() -> {
      goals.addFunnel(siteId, funnel);
      return null;
    });
    return json(funnel);
  }

  void deleteFunnel(String siteId, String name) {
    if (!stored(() -> goals.deleteFunnel(siteId, name))) {
      throw noFunnel(siteId, name);
    }
  }

  /**
   * Decodes a goal or funnel name from the path: the raw path segments after {@code goals/} or
   * {@code funnels/}, joined again, so that a name with a {@code /} may be sent encoded or not. A
   * {@code +} stays a plus sign, as in any path.
   */
  static String name(String[] path, int from) {
    String raw = String.join("/", List.of(path).subList(from, path.length));
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("name in the path is not URL-encoded correctly: '"
          + raw + "'");
    }
  }

  static Map<String, Object> json(Goal goal) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", goal.name());
    json.put("event_name", goal.isPageview() ? null : goal.eventName());
    json.put("page_path", goal.isPageview() ? goal.pagePath() : null);
    json.put("currency", goal.currency().map(Currency::getCurrencyCode).orElse(null));
    return json;
  }

  private static Map<String, Object> json(Funnel funnel) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", funnel.name());
    json.put("steps", funnel.steps());
    return json;
  }

  /** Calls {@link Goals}, answering a storage without goals as a conflict rather than a crash. */
  private static <T> T stored(Supplier<T> call) {
    try {
      return call.get();
    } catch (UnsupportedOperationException e) {
      throw new ConflictException(e.getMessage());
    }
  }

  private static AdminApi.NotFoundException noGoal(String siteId, String name) {
    return new AdminApi.NotFoundException("site '" + siteId + "' has no goal named '" + name
        + "'");
  }

  private static AdminApi.NotFoundException noFunnel(String siteId, String name) {
    return new AdminApi.NotFoundException("site '" + siteId + "' has no funnel named '" + name
        + "'");
  }

  private static Currency currency(String code) {
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code such as USD but was '"
          + code + "'");
    }
  }

  private static void checkFields(JsonNode body, Set<String> fields, String which) {
    body.fieldNames().forEachRemaining(name -> {
      if (!fields.contains(name)) {
        throw new IllegalArgumentException("unknown field '" + name + "'; " + which);
      }
    });
  }

  private static Optional<String> text(JsonNode body, String field) {
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return node.asText().isBlank() ? Optional.empty() : Optional.of(node.asText());
  }
}
