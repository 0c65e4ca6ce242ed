package dev.footfall.internal;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.Session;
import dev.footfall.SessionManager;
import dev.footfall.TrackResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ingest thread: drains the buffer in batches, enriches each request, assigns sessions, and
 * hands each batch to the {@link BatchWriter}, in order, markers included. It stops after handing
 * over the end marker. An idle poll hands over an empty batch, which lets the writer store the
 * sessions it holds once their interval is up.
 */
public final class IngestWorker implements Runnable {
  private final IngestBuffer buffer;
  private final Enricher enricher;
  private final SessionManager sessions;
  private final BatchWriter writer;
  private final IngestCounters counters;
  private final ErrorListener errors;
  private final int batchSize;
  private final Duration maxBatchDelay;
  private final Duration hangTimeout;
  /**
   * When this thread last made progress: an event enriched, or a batch handed to the writer (an
   * idle poll hands over an empty one).
   */
  private volatile long progressNanos = System.nanoTime();

  public IngestWorker(IngestBuffer buffer, Enricher enricher, SessionManager sessions,
      BatchWriter writer, IngestCounters counters, ErrorListener errors, int batchSize,
      Duration maxBatchDelay, Duration hangTimeout) {
    this.buffer = buffer;
    this.enricher = enricher;
    this.sessions = sessions;
    this.writer = writer;
    this.counters = counters;
    this.errors = errors;
    this.batchSize = batchSize;
    this.maxBatchDelay = maxBatchDelay;
    this.hangTimeout = hangTimeout;
  }

  @Override
  public void run() {
    List<Object> items = new ArrayList<>(batchSize);
    BatchWriter.Batch batch = null;
    boolean end = false;
    try {
      while (!end) {
        items.clear();
        buffer.drain(items, batchSize, maxBatchDelay);
        batch = enrich(items);
        writer.submit(batch);
        progressNanos = System.nanoTime();
        end = batch.markers().stream().anyMatch(m -> m.end);
        batch = null;
      }
    } catch (InterruptedException e) {
      // Shutdown gave up on storage: the batch in hand and the buffer's rest are counted as lost.
      if (batch != null) {
        writer.abandon(batch);
      }
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
   * @param alive whether this worker's thread is alive
   */
  public boolean stalled(Duration grace, boolean alive) {
    Optional<Duration> closing = buffer.closingFor();
    if (closing.isEmpty() || writer.hasWork()) {
      return false;
    }
    long withoutProgress = Math.min(System.nanoTime() - progressNanos, closing.get().toNanos());
    return !alive || withoutProgress > hangTimeout.plus(grace).toNanos();
  }

  private BatchWriter.Batch enrich(List<Object> items) {
    List<Event> events = new ArrayList<>(items.size());
    Map<Long, Session> changed = new LinkedHashMap<>();
    List<IngestBuffer.Marker> markers = new ArrayList<>();
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
      Session session = sessions.assign(result.event());
      events.add(result.event().toBuilder().sessionId(session.sessionId()).build());
      changed.put(session.sessionId(), session);
      pending.report(TrackResult.accepted(), errors);
    }
    return new BatchWriter.Batch(events, List.copyOf(changed.values()), markers);
  }
}
