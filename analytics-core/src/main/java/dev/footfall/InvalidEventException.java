package dev.footfall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change to a stored event, or an event to import, breaks one or more rules of {@link
 * StoredEvents}; nothing was changed or imported. It lists every violation at once, by field, so
 * that an HTTP layer can answer {@code 400 {"errors": {field: [message, ...]}}}.
 *
 * @since 0.3
 */
public final class InvalidEventException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final Map<String, List<String>> violations;

  InvalidEventException(String summary, Map<String, List<String>> violations) {
    super(describe(summary, violations));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    violations.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
    this.violations = Collections.unmodifiableMap(copy);
  }

  /**
   * Returns the violated fields, each with its messages, in the order they were found. A change
   * names the fields as the data model does ({@code event_name}, {@code pathname}, {@code
   * metadata}); an import names each field {@code <index>.<field>}, where the index is the event's
   * position in the list and the field is one of {@link StoredEvents#importViolations}'s.
   *
   * @since 0.3
   */
  public Map<String, List<String>> violations() {
    return violations;
  }

  private static String describe(String summary, Map<String, List<String>> violations) {
    List<String> messages = new ArrayList<>();
    violations.forEach((field, list) -> list.forEach(m -> messages.add(field + ": " + m)));
    return summary + " (" + String.join("; ", messages) + ")";
  }
}
