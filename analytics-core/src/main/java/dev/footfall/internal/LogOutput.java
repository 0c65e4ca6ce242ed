package dev.footfall.internal;

import dev.footfall.ErrorListener;
import dev.footfall.TrackResult;
import dev.footfall.spi.EventLog;
import java.time.Duration;
import java.util.List;

/**
 * The ingest thread's output in cluster mode: appends each enriched event to the {@link EventLog},
 * whose owner of the visitor's partition assigns the session and stores it. A request's outcome is
 * reported once the log took the event or refused it. Markers wait until every event before them
 * has its outcome, then go through the {@link BatchWriter}, which completes them in order (it
 * writes nothing in cluster mode) and ends with the end marker.
 */
public final class LogOutput implements IngestWorker.Output {
  /** Flushing waits as long as the log takes to give every event its outcome (its own bound). */
  private static final Duration FLUSH_STEP = Duration.ofSeconds(1);

  private final EventLog log;
  private final BatchWriter writer;
  private final IngestCounters counters;
  private final ErrorListener errors;

  public LogOutput(EventLog log, BatchWriter writer, IngestCounters counters,
      ErrorListener errors) {
    this.log = log;
    this.writer = writer;
    this.counters = counters;
    this.errors = errors;
  }

  @Override
  public void submit(List<IngestWorker.Accepted> accepted, List<IngestBuffer.Marker> markers)
      throws InterruptedException {
    for (IngestWorker.Accepted a : accepted) {
      log.append(new EventLog.Entry(a.event(), a.previousVisitorId().get()), refused -> {
        if (refused.isPresent()) {
          counters.drop(refused.get(), 1);
          a.pending().report(TrackResult.dropped(refused.get()), errors);
        } else {
          a.pending().report(TrackResult.accepted(), errors);
        }
      });
    }
    if (markers.isEmpty()) {
      return;
    }
    BatchWriter.Batch batch = new BatchWriter.Batch(List.of(), List.of(), List.copyOf(markers));
    try {
      while (!log.flush(FLUSH_STEP)) {
        // The log gives up on an event by itself (its delivery timeout); wait until it has.
      }
      writer.submit(batch);
    } catch (InterruptedException e) {
      writer.abandon(batch);
      throw e;
    }
  }
}
