package dev.footfall.internal;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.TrackResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The ingest thread: drains the buffer in batches, enriches each request and hands each batch, in
 * order, markers included, to its {@link Output}: session assignment and the {@link BatchWriter}
 * ({@link SessionOutput}), or cluster mode's event log ({@link LogOutput}). It stops after handing
 * over the end marker. An idle poll hands over an empty batch, which lets the writer store the
 * sessions it holds once their interval is up.
 */
public final class IngestWorker implements Runnable {
  private final IngestBuffer buffer;
  private final Enricher enricher;
  private final Output output;
  private final IngestCounters counters;
  private final ErrorListener errors;
  private final int batchSize;
  private final Duration maxBatchDelay;
  private final Duration hangTimeout;
  /**
   * When this thread last made progress: an event enriched, or a batch handed over (an idle poll
   * hands over an empty one).
   */
  private volatile long progressNanos = System.nanoTime();

  public IngestWorker(IngestBuffer buffer, Enricher enricher, Output output,
      IngestCounters counters, ErrorListener errors, int batchSize, Duration maxBatchDelay,
      Duration hangTimeout) {
    this.buffer = buffer;
    this.enricher = enricher;
    this.output = output;
    this.counters = counters;
    this.errors = errors;
    this.batchSize = batchSize;
    this.maxBatchDelay = maxBatchDelay;
    this.hangTimeout = hangTimeout;
  }

  @Override
  public void run() {
    List<Object> items = new ArrayList<>(batchSize);
    List<Accepted> accepted = new ArrayList<>(batchSize);
    List<IngestBuffer.Marker> markers = new ArrayList<>();
    boolean end = false;
    try {
      while (!end) {
        items.clear();
        accepted.clear();
        markers.clear();
        buffer.drain(items, batchSize, maxBatchDelay);
        enrich(items, accepted, markers);
        output.submit(accepted, markers);
        progressNanos = System.nanoTime();
        end = markers.stream().anyMatch(m -> m.end);
      }
    } catch (InterruptedException e) {
      // Shutdown gave up on storage; the output counted the batch in hand, this the buffer's rest.
      buffer.discard();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns whether shutdown should give up on this thread while the writer waits for it: the
   * thread has died (an {@code Error}), or it has made no progress for longer than the hang timeout
   * plus {@code grace} since shutdown began (a {@code GeoLocator} that never answers, say). The hang
   * timeout is long, since one enrichment can take seconds on a busy machine (the first User-Agent
   * parses after the analyzer is built). A busy writer is judged by {@link BatchWriter#stalled}.
   *
   * @param writer the writer this thread's output hands batches to
   * @param alive whether this worker's thread is alive
   */
  public boolean stalled(Duration grace, BatchWriter writer, boolean alive) {
    Optional<Duration> closing = buffer.closingFor();
    if (closing.isEmpty() || writer.hasWork()) {
      return false;
    }
    long withoutProgress = Math.min(System.nanoTime() - progressNanos, closing.get().toNanos());
    return !alive || withoutProgress > hangTimeout.plus(grace).toNanos();
  }

  private void enrich(List<Object> items, List<Accepted> accepted,
      List<IngestBuffer.Marker> markers) {
    for (Object item : items) {
      if (item instanceof IngestBuffer.Marker) {
        markers.add((IngestBuffer.Marker) item);
        continue;
      }
      IngestBuffer.Pending pending = (IngestBuffer.Pending) item;
      Enricher.Result result;
      try {
        result = enricher.enrich(pending.request(), pending.receivedAt());
      } catch (RuntimeException e) {
        errors.onError("enrich event", e);
        counters.drop(DropReason.INTERNAL_ERROR, 1);
        pending.report(TrackResult.dropped(DropReason.INTERNAL_ERROR), errors);
        continue;
      }
      if (result.dropped() != null) {
        counters.drop(result.dropped(), 1);
        pending.report(TrackResult.dropped(result.dropped()), errors);
        continue;
      }
      progressNanos = System.nanoTime();
      accepted.add(new Accepted(pending, result.event(), result.previousVisitorId()));
    }
  }

  /**
   * An enriched event with the request it came from.
   *
   * @param previousVisitorId the visitor's id under yesterday's salt, if it has one, hashed when
   *     asked for ({@link Enricher.Result#previousVisitorId()})
   */
  record Accepted(IngestBuffer.Pending pending, Event event,
      Supplier<OptionalLong> previousVisitorId) {}

  /** Where the ingest thread hands its enriched batches. */
  public interface Output {
    /**
     * Takes a batch: reports each event's outcome to its request, passes the events on, and
     * completes the markers once everything before them has its outcome. It may wait while the
     * next stage is full; when interrupted there, it counts what it gives up and completes the
     * markers before it throws. The lists are reused after it returns.
     */
    void submit(List<Accepted> accepted, List<IngestBuffer.Marker> markers)
        throws InterruptedException;
  }
}
