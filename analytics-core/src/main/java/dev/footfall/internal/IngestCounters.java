package dev.footfall.internal;

import dev.footfall.DropReason;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The ingestion counters, updated from tracker callers and the ingest thread. Thread-safe. */
public final class IngestCounters {
  public final LongAdder received = new LongAdder();
  public final LongAdder accepted = new LongAdder();
  public final LongAdder stored = new LongAdder();
  /** Successful writes of events or sessions by this instance's writer. */
  public final LongAdder writes = new LongAdder();
  public final LongAdder storageFailures = new LongAdder();
  /** The time of this instance's successful writes (a write that is retried counts once). */
  public final TimeTally batchWrites = new TimeTally();
  private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

  public IngestCounters() {
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason, new LongAdder());
    }
  }

  public void drop(DropReason reason, long count) {
    dropped.get(reason).add(count);
  }

  /** Returns the non-zero drop counts. */
  public Map<DropReason, Long> dropped() {
    Map<DropReason, Long> counts = new EnumMap<>(DropReason.class);
    dropped.forEach((reason, adder) -> {
      long n = adder.sum();
      if (n > 0) {
        counts.put(reason, n);
      }
    });
    return counts;
  }
}
