package dev.footfall.servlet;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Events sent to the admin API break the rules; answered with {@code 400 {"error": message,
 * "errors": errors}}, where {@code errors} maps each field (for a batch: each event's index, then
 * each field) to its messages.
 */
final class InvalidEventsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient Map<String, ?> errors;

  InvalidEventsException(String message, Map<String, ?> errors) {
    super(message);
    this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
  }

  Map<String, ?> errors() {
    return errors;
  }
}
