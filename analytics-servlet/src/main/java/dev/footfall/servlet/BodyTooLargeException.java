package dev.footfall.servlet;

/** A request body was larger than {@link HttpSettings}' limit. */
final class BodyTooLargeException extends Exception {
  private static final long serialVersionUID = 1L;

  BodyTooLargeException(int limit) {
    super("request body must be at most " + limit + " bytes", null, false, false);
  }
}
