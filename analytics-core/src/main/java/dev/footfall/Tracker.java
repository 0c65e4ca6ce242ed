package dev.footfall;

import java.time.Duration;

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
