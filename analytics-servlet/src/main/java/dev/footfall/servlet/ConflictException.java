package dev.footfall.servlet;

/** Bad input that conflicts with what is stored, answered with {@code 409}. */
final class ConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ConflictException(String message) {
    super(message);
  }
}
