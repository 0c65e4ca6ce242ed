package dev.footfall.servlet;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One log line for a kind of occurrence that can come in floods: the first occurrence is logged,
 * then at most one line a minute, each saying how many occurrences it left out since the previous
 * line. The line is fixed text, so it can hold no client values. Thread-safe.
 */
final class ThrottledLog {
  static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Consumer<String> sink;
  private final String line;
  private final LongSupplier nanoTime;
  private boolean logged;
  private long loggedAt;
  private long leftOut;

  ThrottledLog(Consumer<String> sink, String line) {
    this(sink, line, System::nanoTime);
  }

  ThrottledLog(Consumer<String> sink, String line, LongSupplier nanoTime) {
    this.sink = sink;
    this.line = line;
    this.nanoTime = nanoTime;
  }

  /** Counts one occurrence, and logs the line unless it was logged less than a minute ago. */
  void occurred() {
    long now = nanoTime.getAsLong();
    long since;
    synchronized (this) {
      if (logged && now - loggedAt < INTERVAL_NANOS) {
        leftOut++;
        return;
      }
      logged = true;
      loggedAt = now;
      since = leftOut;
      leftOut = 0;
    }
    sink.accept(line + (since == 0 ? "" : " (and " + since + " more since the previous such line)")
        + "; logged at most once a minute");
  }
}
