package dev.footfall.servlet;

import java.net.SocketTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A request body could not be read to its end: it stopped arriving until the server gave up
 * waiting ({@code 408}), or the connection ended or broke before it was complete ({@code 400}). The
 * message is the same neutral one for both, and never the container's.
 */
final class IncompleteBodyException extends Exception {
  private static final long serialVersionUID = 1L;
  static final String MESSAGE = "request body incomplete";

  private final boolean stoppedArriving;

  private IncompleteBodyException(boolean stoppedArriving, Throwable cause) {
    super(MESSAGE, cause, false, false);
    this.stoppedArriving = stoppedArriving;
  }

  /**
   * Classifies a failure to read a body by its cause chain, knowing no container's classes: a
   * {@link TimeoutException} (Jetty's idle timeout) or {@link SocketTimeoutException} (a blocking
   * socket's read timeout) means the body stopped arriving; anything else (an early end of stream,
   * a reset connection) that it was cut short.
   */
  static IncompleteBodyException of(Throwable failure) {
    boolean timedOut = false;
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof TimeoutException || t instanceof SocketTimeoutException) {
        timedOut = true;
        break;
      }
    }
    return new IncompleteBodyException(timedOut, failure);
  }

  /** Whether the body stopped arriving, rather than being cut short. */
  boolean stoppedArriving() {
    return stoppedArriving;
  }

  /** {@code 408 Request Timeout} for a body that stopped arriving, else {@code 400}. */
  int status() {
    return stoppedArriving ? 408 : 400;
  }
}
