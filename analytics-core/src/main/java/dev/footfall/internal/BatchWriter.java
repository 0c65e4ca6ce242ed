package dev.footfall.internal;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.Event;
import dev.footfall.Session;
import dev.footfall.StorageException;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.LogPositionConflictException;
import dev.footfall.spi.Storage;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The writer thread: takes enriched batches from the {@link IngestWorker} and stores them, so that
 * enrichment of the next batch overlaps the database write of this one.
 *
 * <p>Sessions are written behind: a session changes with nearly every event, so writing it with each
 * batch would double the database's work under load. Changed sessions are collected and written
 * with the first batch after {@link #SESSION_WRITE_INTERVAL}, as soon as {@link #MAX_DIRTY_SESSIONS}
 * have changed, and whenever a batch carries a flush or end marker. A session row may therefore lag
 * its events by up to five seconds (Plausible buffers its writes for as long); nothing is lost on an orderly shutdown, and sessions can be rebuilt
 * from events after a crash.
 *
 * <p>Failures: a failed write is reported to the {@link ErrorListener} and retried with exponential
 * back-off (from 50 ms up to 30 s) for as long as Footfall runs, so nothing accepted is lost to a
 * storage outage; meanwhile the buffer fills and new requests are dropped as {@link
 * DropReason#BUFFER_FULL}. Shutdown waits for storage as long as it makes progress, however slow:
 * only once the writer has had work but no successful write for the shutdown timeout (counted from
 * the start of shutdown at the earliest) is it {@linkplain #stalled stalled}, and the batch in
 * hand is given up and counted as {@link DropReason#STORAGE_FAILURE}. Storage writes are atomic,
 * so a retried batch is not stored twice; and where the storage stores {@linkplain LogPosition log
 * positions}, every write also moves this writer's own position by one, so that a retry after a
 * commit whose acknowledgement was lost (a connection broken during the commit) finds the position
 * moved and knows the write was stored, rather than storing it again.
 *
 * <p>A write the database refuses for its data ({@link StorageException#isDataError()}) is not
 * retried as it is, since it would fail forever and hold up everything behind it: the sessions are
 * written on their own and the events are split in halves until the refused ones are isolated;
 * those are dropped as {@link DropReason#REJECTED_BY_STORAGE} and the rest is stored.
 */
public final class BatchWriter implements Runnable {
  static final Duration SESSION_WRITE_INTERVAL = Duration.ofSeconds(5);
  static final int MAX_DIRTY_SESSIONS = 20_000;
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final BlockingQueue<Queued> batches = new ArrayBlockingQueue<>(4);
  private final IngestBuffer buffer;
  private final Storage storage;
  private final IngestCounters counters;
  private final ErrorListener errors;
  private final Duration shutdownTimeout;
  /** This writer's position's name, or {@code null} if the storage stores no positions. */
  private final String positionName;
  /** How many writes this writer stored: its stored position, or {@link LogPosition#NONE}. */
  private long position = LogPosition.NONE;
  private final Map<Long, Session> dirtySessions = new LinkedHashMap<>();
  private long lastSessionWrite = System.nanoTime();
  /** Batches handed over, counted before they are queued. */
  private final AtomicLong submitted = new AtomicLong();
  /** Batches written (or given up) by the writer thread. */
  private volatile long finished;
  /** Whether the last write failed; cleared by a successful one. */
  private volatile boolean failing;
  /**
   * When the writer last made progress: a successful write, or a batch taken after being idle while
   * storage was not failing.
   */
  private volatile long progressNanos = System.nanoTime();
  /** When the oldest batch handed over and not yet written was handed over, or 0 if there is none. */
  private volatile long oldestSince;

  /**
   * Creates the writer.
   *
   * @param positionName the name of this writer's position (unique to this instance), or {@code
   *     null} if the storage stores no positions
   */
  public BatchWriter(IngestBuffer buffer, Storage storage, IngestCounters counters,
      ErrorListener errors, Duration shutdownTimeout, String positionName) {
    this.positionName = positionName;
    this.buffer = buffer;
    this.storage = storage;
    this.counters = counters;
    this.errors = errors;
    this.shutdownTimeout = shutdownTimeout;
  }

  /** Hands over a batch, waiting while four batches are already queued. */
  void submit(Batch batch) throws InterruptedException {
    submitted.incrementAndGet();
    batches.put(new Queued(batch, System.nanoTime()));
  }

  @Override
  public void run() {
    Batch batch = null;
    try {
      boolean end = false;
      while (!end) {
        Queued queued = batches.poll();
        if (queued == null) {
          queued = batches.take();
          if (!failing) {
            progressNanos = System.nanoTime();
          }
        }
        batch = queued.batch();
        oldestSince = queued.since();
        write(batch);
        Queued next = batches.peek();
        oldestSince = next == null ? 0 : next.since();
        for (IngestBuffer.Marker marker : batch.markers()) {
          marker.done.complete(null);
          end |= marker.end;
        }
        batch = null;
        finished++; // only this thread writes it
      }
    } catch (InterruptedException e) {
      // Shutdown gave up on storage: count what is left as lost and release flush waiters.
      if (batch != null) {
        abandon(batch);
      }
      for (Queued left = batches.poll(); left != null; left = batches.poll()) {
        abandon(left.batch());
      }
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Returns whether shutdown should give up on storage: shutdown has begun, and the writer has had
   * work without a successful write for longer than the shutdown timeout plus {@code grace}, counted
   * from the start of shutdown at the earliest. A slow storage whose writes succeed never stalls;
   * nor does a writer that waits for the ingest thread.
   */
  public boolean stalled(Duration grace) {
    Optional<Duration> closing = buffer.closingFor();
    if (closing.isEmpty() || !hasWork()) {
      return false;
    }
    long withoutProgress = Math.min(System.nanoTime() - progressNanos, closing.get().toNanos());
    return withoutProgress > shutdownTimeout.plus(grace).toNanos();
  }

  /**
   * Returns how long the oldest batch handed to the writer and not yet written has waited, retries
   * included; zero when the writer has nothing to do.
   */
  public Duration lag() {
    long since = oldestSince;
    return since == 0 ? Duration.ZERO : Duration.ofNanos(Math.max(0, System.nanoTime() - since));
  }

  /** Returns whether the writer's last write failed (it is retrying). */
  public boolean failing() {
    return failing;
  }

  /** Returns whether a batch handed over is not written yet, rather than the writer waiting. */
  boolean hasWork() {
    return submitted.get() != finished;
  }

  /** Hands back a batch that will not be written, counting its events as storage failures. */
  void abandon(Batch batch) {
    counters.drop(DropReason.STORAGE_FAILURE, batch.events().size());
    batch.markers().forEach(marker -> marker.done.complete(null));
  }

  private void write(Batch batch) throws InterruptedException {
    for (Session session : batch.sessions()) {
      dirtySessions.put(session.sessionId(), session);
    }
    boolean writeSessions = !dirtySessions.isEmpty() && (!batch.markers().isEmpty()
        || dirtySessions.size() >= MAX_DIRTY_SESSIONS
        || System.nanoTime() - lastSessionWrite >= SESSION_WRITE_INTERVAL.toNanos());
    if (writeSessions) {
      store(batch.events(), List.copyOf(dirtySessions.values()));
      dirtySessions.clear();
      lastSessionWrite = System.nanoTime();
    } else if (!batch.events().isEmpty()) {
      store(batch.events(), List.of());
    }
  }

  /** Stores events and sessions, retrying transient failures and isolating refused data. */
  private void store(List<Event> events, List<Session> sessions) throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (backoff != null) {
      try {
        long start = System.nanoTime();
        write(events, sessions);
        progressNanos = System.nanoTime();
        counters.batchWrites.add(progressNanos - start);
        failing = false;
        counters.stored.add(events.size());
        counters.writes.increment();
        return;
      } catch (StorageException e) {
        if (e.isDataError()) {
          errors.onError("write " + events.size() + " events and " + sessions.size()
              + " sessions (data refused)", e);
          isolateRefused(events, sessions);
          return;
        }
        backoff = retryAfter(e, events, backoff);
      } catch (RuntimeException e) {
        backoff = retryAfter(e, events, backoff);
      }
    }
  }

  /**
   * Writes once, moving this writer's position by one where there is one. A conflict on it means an
   * earlier try of this write was committed after all, when the stored position is the one this
   * write sets; otherwise the position is taken up from storage and the write fails, to be tried
   * again.
   */
  private void write(List<Event> events, List<Session> sessions) {
    if (positionName == null) {
      storage.write(events, sessions);
      return;
    }
    long next = Math.max(0, position) + 1;
    try {
      storage.write(events, sessions, List.of(new LogPosition(positionName, position, next)));
      position = next;
    } catch (LogPositionConflictException e) {
      Long stored = storage.logPositions(List.of(positionName)).get(positionName);
      position = stored != null ? stored : LogPosition.NONE;
      if (position != next) {
        throw e;
      }
    }
  }

  /**
   * Reports a failed write and waits before the next try.
   *
   * @return the next back-off, or {@code null} when shutdown has given up on the events
   */
  private Duration retryAfter(RuntimeException e, List<Event> events, Duration backoff)
      throws InterruptedException {
    failing = true;
    counters.storageFailures.increment();
    errors.onError("write " + events.size() + " events", e);
    if (stalled(Duration.ZERO)) {
      counters.drop(DropReason.STORAGE_FAILURE, events.size());
      return null;
    }
    Thread.sleep(backoff.toMillis());
    return backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
        : backoff.multipliedBy(2);
  }

  /**
   * Writes what the database accepts of a refused write: sessions apart from events, then halves,
   * until a single refused event (dropped as {@link DropReason#REJECTED_BY_STORAGE}) or session
   * (left out; it can be rebuilt from its events) remains.
   */
  private void isolateRefused(List<Event> events, List<Session> sessions)
      throws InterruptedException {
    if (events.size() + sessions.size() == 1) {
      counters.drop(DropReason.REJECTED_BY_STORAGE, events.size());
    } else if (!events.isEmpty() && !sessions.isEmpty()) {
      store(List.of(), sessions);
      store(events, List.of());
    } else if (sessions.isEmpty()) {
      int half = events.size() / 2;
      store(events.subList(0, half), List.of());
      store(events.subList(half, events.size()), List.of());
    } else {
      int half = sessions.size() / 2;
      store(List.of(), sessions.subList(0, half));
      store(List.of(), sessions.subList(half, sessions.size()));
    }
  }

  /**
   * Enriched events, the sessions they changed, and the markers that were drained with them.
   *
   * @param events events with their session ids
   * @param sessions the latest snapshot of each changed session
   * @param markers flush or end markers to complete once the batch is stored
   */
  record Batch(List<Event> events, List<Session> sessions, List<IngestBuffer.Marker> markers) {}

  /** A batch in the queue, with when it was handed over ({@link System#nanoTime()}). */
  private record Queued(Batch batch, long since) {}
}
