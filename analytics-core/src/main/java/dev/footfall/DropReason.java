package dev.footfall;

/**
 * Why an event was not stored. {@link Analytics#stats()} counts drops by reason.
 *
 * @since 0.1
 */
public enum DropReason {
  /** The site id is not registered. */
  UNKNOWN_SITE,
  /** The User-Agent is a crawler, monitor, script or other robot. */
  BOT,
  /** The User-Agent is a headless browser, such as HeadlessChrome. */
  HEADLESS_BROWSER,
  /** The User-Agent is empty (and no visitor id was supplied), absurdly long or garbage. */
  INVALID_USER_AGENT,
  /** The in-memory buffer was full: storage is not keeping up. */
  BUFFER_FULL,
  /** The event arrived after {@link Analytics#close()} began. */
  SHUT_DOWN,
  /** Storage kept failing until shutdown gave up on the event. */
  STORAGE_FAILURE,
  /**
   * The database refused the event's data (a value it cannot store); the rest of its batch was
   * stored, and the error went to the {@link ErrorListener}.
   */
  REJECTED_BY_STORAGE,
  /**
   * Cluster mode: the event log's buffer was full, because its servers were unreachable or slow
   * for longer than the buffer holds.
   */
  LOG_FULL,
  /**
   * Cluster mode: the event log did not acknowledge the event within its delivery timeout (its
   * servers were unreachable for longer).
   */
  LOG_UNAVAILABLE,
  /** Cluster mode: the event log refused the event for good (too large, or not authorised). */
  LOG_REJECTED,
  /** Enrichment failed unexpectedly (a bug); the error went to the {@link ErrorListener}. */
  INTERNAL_ERROR
}
