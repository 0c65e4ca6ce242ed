package dev.footfall;

import dev.footfall.internal.IngestBuffer;
import dev.footfall.internal.IngestCounters;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

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
    Objects.requireNonNull(request, "request");
    counters.received.increment();
    if (sites.find(request.siteId()).isEmpty()) {
      return drop(DropReason.UNKNOWN_SITE);
    }
    // Counted before the offer, so that the ingest thread never stores more than was accepted.
    counters.accepted.increment();
    Optional<DropReason> refused = buffer.offer(request, clock.instant());
    if (refused.isPresent()) {
      counters.accepted.decrement();
      return drop(refused.get());
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

  private TrackResult drop(DropReason reason) {
    counters.drop(reason, 1);
    return TrackResult.dropped(reason);
  }
}
