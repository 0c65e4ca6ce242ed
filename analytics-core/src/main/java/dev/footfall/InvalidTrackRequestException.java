package dev.footfall;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link TrackRequest} broke one or more of the input limits. It lists every violation at once, by
 * field, so that an HTTP layer can answer {@code 400 {"errors": {field: [message, ...]}}}.
 *
 * @since 0.1
 */
public final class InvalidTrackRequestException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final Map<String, List<String>> violations;

  InvalidTrackRequestException(Map<String, List<String>> violations) {
    super(describe(violations));
    Map<String, List<String>> copy = new LinkedHashMap<>();
    violations.forEach((field, messages) -> copy.put(field, List.copyOf(messages)));
    this.violations = Collections.unmodifiableMap(copy);
  }

  /** Returns the violated fields (such as {@code url} or {@code props}), each with its messages. */
  public Map<String, List<String>> violations() {
    return violations;
  }

  private static String describe(Map<String, List<String>> violations) {
    List<String> messages = new ArrayList<>();
    violations.values().forEach(messages::addAll);
    return "invalid track request: " + String.join("; ", messages);
  }
}
