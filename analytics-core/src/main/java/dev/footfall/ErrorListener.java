package dev.footfall;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears about failures in Footfall's background work (storage writes, jobs), which never reach a
 * {@link Tracker#track} caller. Called from background threads; implementations must be
 * thread-safe and quick. The error's message never contains event payloads.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ErrorListener {

  /**
   * Called after a background operation failed; Footfall retries it itself.
   *
   * @param operation what failed, such as {@code "write events"} or {@code "rotate salts"}
   * @param error the failure
   */
  void onError(String operation, Throwable error);

  /** Returns the default listener, which logs a warning through SLF4J. */
  static ErrorListener logging() {
    Logger log = LoggerFactory.getLogger(ErrorListener.class);
    return (operation, error) -> log.warn("footfall: {} failed: {}", operation, error.toString());
  }
}
