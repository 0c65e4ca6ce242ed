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
  /** Enrichment failed unexpectedly (a bug); the error went to the {@link ErrorListener}. */
  INTERNAL_ERROR
}
