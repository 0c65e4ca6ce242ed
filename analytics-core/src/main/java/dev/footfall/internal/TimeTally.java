package dev.footfall.internal;

import dev.footfall.TimingStats;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** Counts timed runs of an operation and adds up their time. Thread-safe. */
public final class TimeTally {
  private final LongAdder count = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  /** Counts one run that took this long. */
  public void add(long elapsedNanos) {
    count.increment();
    nanos.add(elapsedNanos);
  }

  /** Runs and times the operation; a run that throws counts too. */
  public <T> T time(Supplier<T> operation) {
    long start = System.nanoTime();
    try {
      return operation.get();
    } finally {
      add(System.nanoTime() - start);
    }
  }

  /** Returns the counts so far. */
  public TimingStats snapshot() {
    // The total is read first: a run counted between the two reads shows a mean too small, never
    // one made of time with no run.
    long total = nanos.sum();
    return new TimingStats(count.sum(), Duration.ofNanos(total));
  }
}
