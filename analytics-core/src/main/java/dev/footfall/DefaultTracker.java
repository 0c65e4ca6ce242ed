package dev.footfall;

import dev.footfall.internal.IngestBuffer;
import dev.footfall.internal.IngestCounters;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/** The tracker: a site check and a non-blocking offer to the buffer. */
final class DefaultTracker implements Tracker {
  private final SiteRegistry sites;
  private final IngestBuffer buffer;
  private final IngestCounters counters;
  private final Clock clock;

  DefaultTracker(SiteRegistry sites, IngestBuffer buffer, IngestCounters counters, Clock clock) {
    this.sites = sites;
    this.buffer = buffer;
    this.counters = counters;
    this.clock = clock;
  }

  @Override
  public TrackResult track(TrackRequest request) {
    return track(request, IngestBuffer.NO_OUTCOME);
  }

  @Override
  public TrackResult track(TrackRequest request, Consumer<? super TrackResult> outcome) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(outcome, "outcome");
    counters.received.increment();
    if (sites.find(request.siteId()).isEmpty()) {
      return drop(DropReason.UNKNOWN_SITE, outcome);
    }
    // Counted before the offer, so that the ingest thread never stores more than was accepted.
    counters.accepted.increment();
    Optional<DropReason> refused = buffer.offer(request, clock.instant(), outcome);
    if (refused.isPresent()) {
      counters.accepted.decrement();
      return drop(refused.get(), outcome);
    }
    return TrackResult.accepted();
  }

  @Override
  public boolean awaitCapacity(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    try {
      return buffer.awaitRoom(maxWait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private TrackResult drop(DropReason reason, Consumer<? super TrackResult> outcome) {
    counters.drop(reason, 1);
    TrackResult result = TrackResult.dropped(reason);
    outcome.accept(result);
    return result;
  }
}
