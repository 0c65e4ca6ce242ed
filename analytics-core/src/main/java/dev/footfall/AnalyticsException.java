package dev.footfall;

/**
 * The root of Footfall's own unchecked exceptions. Bad arguments are reported with the standard
 * {@link IllegalArgumentException}, {@link IllegalStateException} and {@link NullPointerException}
 * instead.
 *
 * @since 0.1
 */
public abstract class AnalyticsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message and an optional cause. */
  protected AnalyticsException(String message, Throwable cause) {
    super(message, cause);
  }
}
