package dev.footfall.internal;

import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.RequestContext;
import dev.footfall.TrackRequest;
import dev.footfall.TrackResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The bounded buffer between {@code Tracker.track} callers and the ingest thread.
 *
 * <p>Producers never wait: {@link #offer} fails at once when the buffer is full or closed. Besides
 * requests, the buffer carries {@link Marker}s: a flush marker completes once everything queued
 * before it is processed (FIFO order makes that exact), and the end marker, queued by {@link
 * #close()}, tells the ingest thread to stop. Closing is race-free: a producer registers itself
 * before it checks the closed flag, and {@code close} waits for registered producers to finish
 * before it queues the end marker, so nothing is accepted after the end marker.
 *
 * <p>The capacity bounds memory, not just the count: a request counts for one place per started
 * {@value #REQUEST_BYTES} bytes of its estimated size ({@link #places}), so that a flood of large
 * requests (long URLs, many props) holds no more memory than as many ordinary ones, which take one
 * place each (about 450 bytes).
 *
 * <p>Each request may carry an outcome listener ({@code Tracker.track(request, outcome)}), which the
 * ingest thread tells whether the request was accepted or dropped; {@link #NO_OUTCOME} otherwise.
 */
public final class IngestBuffer {
  /** The outcome listener of a request whose caller does not listen. */
  public static final Consumer<TrackResult> NO_OUTCOME = result -> {};
  /** How often {@link #close} asks whether to give up while it waits for room. */
  private static final Duration ROOM_CHECK = Duration.ofMillis(100);
  /** The estimated bytes of a request that take one place in the buffer. */
  public static final int REQUEST_BYTES = 1_024;
  /**
   * The estimated bytes of a buffered request besides its texts (64-bit JVM, compressed
   * references): the queue's slot, the pending entry, the request, its context and its receiving
   * time.
   */
  private static final int FIXED_BYTES = 144;
  /** The estimated bytes of one custom prop besides its key and value: the map's entry. */
  private static final int PROP_BYTES = 32;

  private final BlockingQueue<Object> queue;
  private final int capacity;
  /** The places taken by the requests queued; at most {@code capacity} unless one alone is more. */
  private final AtomicLong taken = new AtomicLong();
  private final Object room = new Object();
  private int waitingForRoom; // guarded by room
  private final AtomicInteger producers = new AtomicInteger();
  private final IngestCounters counters;
  private final ErrorListener errors;
  private volatile boolean closed;
  private volatile long closedAtNanos;

  public IngestBuffer(int capacity, IngestCounters counters, ErrorListener errors) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.capacity = capacity;
    this.counters = counters;
    this.errors = errors;
  }

  /**
   * Waits until the buffer is at most half full, for at most {@code maxWait}. The ingest thread
   * wakes waiters after each drain, so waiting costs no CPU.
   *
   * @return whether the buffer is at most half full
   */
  public boolean awaitRoom(Duration maxWait) throws InterruptedException {
    if (hasRoom()) {
      return true;
    }
    long deadline = System.nanoTime() + maxWait.toNanos();
    synchronized (room) {
      waitingForRoom++;
      try {
        while (!hasRoom()) {
          long remaining = deadline - System.nanoTime();
          if (remaining <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(room, remaining);
        }
        return true;
      } finally {
        waitingForRoom--;
      }
    }
  }

  private boolean hasRoom() {
    return taken.get() <= capacity / 2;
  }

  private void signalRoom() {
    if (hasRoom()) {
      synchronized (room) {
        if (waitingForRoom > 0) {
          room.notifyAll();
        }
      }
    }
  }

  /**
   * Queues a request; returns why it could not, or empty when it was queued. The outcome listener
   * hears later what became of a queued request; the caller reports a refusal itself.
   */
  public Optional<DropReason> offer(TrackRequest request, Instant receivedAt,
      Consumer<? super TrackResult> outcome) {
    producers.incrementAndGet();
    try {
      if (closed) {
        return Optional.of(DropReason.SHUT_DOWN);
      }
      int places = places(request);
      if (!take(places)) {
        return Optional.of(DropReason.BUFFER_FULL);
      }
      if (queue.offer(new Pending(request, receivedAt, outcome, places))) {
        return Optional.empty();
      }
      taken.addAndGet(-places);
      return Optional.of(DropReason.BUFFER_FULL);
    } finally {
      producers.decrementAndGet();
    }
  }

  /**
   * Takes places for a request if there is room: when the requests queued leave that many places,
   * or none is queued (so that a request larger than the whole buffer is not refused forever).
   */
  private boolean take(int places) {
    while (true) {
      long now = taken.get();
      if (now > 0 && now + places > capacity) {
        return false;
      }
      if (taken.compareAndSet(now, now + places)) {
        return true;
      }
    }
  }

  /**
   * Returns how many places a request takes: one per started {@link #REQUEST_BYTES} of its
   * estimated size, which counts each text at 40 bytes plus one a character (what Latin-1 text
   * takes; text in other scripts takes up to twice as much).
   */
  static int places(TrackRequest request) {
    RequestContext context = request.context();
    long bytes = FIXED_BYTES + textBytes(request.siteId()) + textBytes(request.name())
        + textBytes(request.url()) + textBytes(request.referrer())
        + request.visitorId().map(IngestBuffer::textBytes).orElse(0)
        + textBytes(context.clientIp()) + textBytes(context.userAgent());
    // forEach, not entrySet(): the unmodifiable map would keep the entry set it made.
    long[] props = {0};
    request.props().forEach((key, value) ->
        props[0] += PROP_BYTES + textBytes(key) + textBytes(value));
    bytes += props[0];
    return (int) Math.min(Integer.MAX_VALUE, (bytes + REQUEST_BYTES - 1) / REQUEST_BYTES);
  }

  private static int textBytes(String text) {
    return text.isEmpty() ? 0 : 40 + text.length();
  }

  /**
   * Queues a flush marker, waiting at most {@code maxWait} for room if the buffer is full.
   *
   * @return a future completed when everything queued before the marker has been processed, or
   *     empty if there was no room in time
   */
  public Optional<CompletableFuture<Void>> flushMarker(Duration maxWait)
      throws InterruptedException {
    Marker marker = new Marker(false);
    return queue.offer(marker, maxWait.toNanos(), TimeUnit.NANOSECONDS)
        ? Optional.of(marker.done) : Optional.empty();
  }

  /**
   * Refuses further requests and queues the end marker, waiting for room while the buffer is full.
   * If {@code givingUp} says storage has stalled meanwhile, what the buffer still holds is discarded
   * and counted as {@link DropReason#STORAGE_FAILURE}, so that closing ends.
   *
   * @return a future completed when the ingest thread has processed everything and stopped
   */
  public CompletableFuture<Void> close(BooleanSupplier givingUp) throws InterruptedException {
    closedAtNanos = System.nanoTime();
    closed = true;
    while (producers.get() != 0) {
      Thread.onSpinWait();
    }
    Marker end = new Marker(true);
    while (!queue.offer(end, ROOM_CHECK.toNanos(), TimeUnit.NANOSECONDS)) {
      if (givingUp.getAsBoolean()) {
        discard();
        queue.put(end);
        break;
      }
    }
    return end.done;
  }

  /** Returns whether {@link #close()} has begun, and if so, for how long. */
  public Optional<Duration> closingFor() {
    return closed ? Optional.of(Duration.ofNanos(System.nanoTime() - closedAtNanos)) : Optional.empty();
  }

  /**
   * Moves up to {@code max} items into {@code into}, waiting up to {@code wait} for the first one.
   */
  void drain(List<Object> into, int max, Duration wait) throws InterruptedException {
    Object first = queue.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    if (first != null) {
      int from = into.size();
      into.add(first);
      queue.drainTo(into, max - 1);
      long places = 0;
      for (int i = from; i < into.size(); i++) {
        if (into.get(i) instanceof Pending pending) {
          places += pending.places();
        }
      }
      taken.addAndGet(-places);
      signalRoom();
    }
  }

  /**
   * Removes everything still queued, counting the requests as {@link DropReason#STORAGE_FAILURE},
   * for when shutdown gives up.
   */
  public void discard() {
    int requests = 0;
    Object item;
    while ((item = queue.poll()) != null) {
      if (item instanceof Pending) {
        requests++;
        taken.addAndGet(-((Pending) item).places());
        ((Pending) item).report(TrackResult.dropped(DropReason.STORAGE_FAILURE), errors);
      } else {
        ((Marker) item).done.complete(null);
      }
    }
    counters.drop(DropReason.STORAGE_FAILURE, requests);
  }

  /** Returns how many items wait in the buffer. */
  public int depth() {
    return queue.size();
  }

  /**
   * A request waiting to be processed, with the time it was received, its outcome listener and the
   * places it takes.
   */
  record Pending(TrackRequest request, Instant receivedAt, Consumer<? super TrackResult> outcome,
      int places) {

    /** Tells the outcome listener, reporting an exception it throws to {@code errors}. */
    void report(TrackResult result, ErrorListener errors) {
      try {
        outcome.accept(result);
      } catch (RuntimeException e) {
        errors.onError("report a track outcome", e);
      }
    }
  }

  /** A flush or end marker. */
  static final class Marker {
    final boolean end;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    Marker(boolean end) {
      this.end = end;
    }
  }
}
