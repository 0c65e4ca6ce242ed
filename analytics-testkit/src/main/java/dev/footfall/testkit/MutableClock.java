package dev.footfall.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A clock that tests move by hand. Thread-safe.
 *
 * @since 0.1
 */
public final class MutableClock extends Clock {
  private volatile Instant now;

  private MutableClock(Instant now) {
    this.now = now;
  }

  /** Returns a clock standing at {@code start}. */
  public static MutableClock at(Instant start) {
    return new MutableClock(Objects.requireNonNull(start, "start"));
  }

  /** Moves the clock forward (or back, for a negative amount). */
  public synchronized void advance(Duration amount) {
    now = now.plus(amount);
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now = Objects.requireNonNull(instant, "instant");
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("a MutableClock is always UTC");
  }
}
