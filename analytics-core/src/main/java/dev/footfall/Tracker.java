package dev.footfall;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Records events. Get one from {@link Analytics#tracker()}.
 *
 * <p>{@link #track} never blocks on the database and never throws because of load: it checks the
 * site, puts the request in a bounded in-memory buffer and returns; a background thread enriches
 * and stores buffered events in batches. Thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Tracker {

  /**
   * Accepts an event for storage, or says why it was dropped at once. Some drops (bots, for
   * instance) are decided later, in the background; {@link Analytics#stats()} counts those.
   *
   * @return {@link TrackResult#isAccepted() accepted}, or dropped with a reason
   * @throws NullPointerException if {@code request} is null
   */
  TrackResult track(TrackRequest request);

  /**
   * Tracks like {@link #track(TrackRequest)}, and also tells {@code outcome}, exactly once, what
   * became of the event: dropped at once (then before this method returns), or, once the
   * background thread has checked and enriched it, accepted on its way to storage or dropped with
   * the reason ({@link DropReason#BOT}, say). An import uses it to report its drops; a storage
   * failure after that point shows in {@link Analytics#flush} and the {@link ErrorListener}, not
   * here.
   *
   * <p>{@code outcome} may run on the ingest thread, so it must be quick, must not block and
   * should not throw (an exception thrown there goes to the {@link ErrorListener}; one thrown for a
   * drop at once reaches the caller). This default reports the result of
   * {@link #track(TrackRequest)} at once, which is exact for a tracker that decides everything
   * before it returns.
   *
   * @return what {@link #track(TrackRequest)} returns
   * @throws NullPointerException if {@code request} or {@code outcome} is null
   * @since 0.1
   */
  default TrackResult track(TrackRequest request, Consumer<? super TrackResult> outcome) {
    Objects.requireNonNull(outcome, "outcome");
    TrackResult result = track(request);
    outcome.accept(result);
    return result;
  }

  /**
   * Waits, for at most {@code maxWait}, until the buffer is less than half full. {@link #track}
   * itself never waits; a caller that can afford to (an HTTP endpoint, whose clients then simply
   * get their answers later) calls this first, so that a flood slows clients down instead of
   * filling the buffer until events are dropped. Returns at once when the buffer has room.
   *
   * @return whether the buffer has room; {@code false} if it was still half full at the deadline
   * @since 0.1
   */
  default boolean awaitCapacity(Duration maxWait) {
    return true;
  }
}
