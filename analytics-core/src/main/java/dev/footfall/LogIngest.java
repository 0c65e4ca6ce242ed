package dev.footfall;

import dev.footfall.internal.IngestCounters;
import dev.footfall.internal.SessionizedBatch;
import dev.footfall.spi.EventLog;
import dev.footfall.spi.LogPosition;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Cluster mode's consuming side: the sessions of the visitors in the partitions this instance owns,
 * and the atomic store of each batch with the partitions' new positions.
 *
 * <p>Storage is the truth. A partition taken over (after a rebalance, a crash elsewhere, or a
 * failed write here) starts from its stored position with its visitors' open sessions read from
 * storage; since events, sessions and positions are stored together, that state is exactly what
 * the stored events made it, and nothing delivered again is counted twice. A visit that crosses
 * midnight continues from storage too ({@link #takeUpVisitsAcrossMidnight}). Called by the log from
 * one thread at a time; not thread-safe.
 */
final class LogIngest implements EventLog.Ingest {
  private final EventLog log;
  private final SessionManager sessions;
  private final Storage storage;
  private final IngestCounters counters;
  private final Clock clock;
  private final Duration sessionTimeout;
  /** The stored position of each partition owned here, or {@link LogPosition#NONE}. */
  private final Map<Integer, Long> positions = new HashMap<>();

  LogIngest(EventLog log, SessionManager sessions, Storage storage, IngestCounters counters,
      Clock clock, Duration sessionTimeout) {
    this.log = log;
    this.sessions = sessions;
    this.storage = storage;
    this.counters = counters;
    this.clock = clock;
    this.sessionTimeout = sessionTimeout;
  }

  @Override
  public Map<Integer, Long> assigned(Collection<Integer> partitions) {
    Set<Integer> taken = Set.copyOf(partitions);
    Map<String, Integer> byName = new LinkedHashMap<>();
    taken.forEach(p -> byName.put(name(p), p));
    // Both reads first: if either fails, nothing here has changed.
    Map<String, Long> stored = storage.logPositions(byName.keySet());
    List<Session> open = storage.sessions().findActive(clock.instant().minus(sessionTimeout))
        .stream()
        .filter(s -> taken.contains(log.partitionOf(s.siteId(), s.visitorId())))
        .toList();
    sessions.forget((site, visitor) -> taken.contains(log.partitionOf(site, visitor)));
    sessions.restore(open);
    Map<Integer, Long> resume = new HashMap<>();
    byName.forEach((name, p) -> {
      Long position = stored.get(name);
      positions.put(p, position != null ? position : LogPosition.NONE);
      if (position != null) {
        resume.put(p, position);
      }
    });
    return resume;
  }

  @Override
  public void revoked(Collection<Integer> partitions) {
    Set<Integer> gone = Set.copyOf(partitions);
    sessions.forget((site, visitor) -> gone.contains(log.partitionOf(site, visitor)));
    positions.keySet().removeAll(gone);
  }

  @Override
  public void store(EventLog.Batch batch) {
    takeUpVisitsAcrossMidnight(batch);
    SessionizedBatch sessionized = new SessionizedBatch(sessions, batch.records().size());
    for (EventLog.Record record : batch.records()) {
      Long position = positions.get(record.partition());
      if (position == null || record.offset() < position) {
        continue; // not owned here, or stored before: delivered again
      }
      sessionized.add(record.entry().event(), record.entry().previousVisitorId());
    }
    Map<Integer, LogPosition> moved = new HashMap<>();
    batch.nextOffsets().forEach((partition, next) -> {
      Long from = positions.get(partition);
      if (from != null && next > from) {
        moved.put(partition, new LogPosition(name(partition), from, next));
      }
    });
    if (moved.isEmpty()) {
      return;
    }
    storage.write(sessionized.events(), sessionized.sessions(), moved.values());
    moved.forEach((partition, position) -> positions.put(partition, position.to()));
    counters.stored.add(sessionized.events().size());
    counters.writes.increment();
  }

  /**
   * Reads into memory the open sessions, under yesterday's visitor id, of the batch's visitors who
   * have none here: at midnight (UTC) the daily salt changes, and with it the visitor id and so the
   * partition of a visitor's events, so the visit they continue was held by the owner of another
   * partition. Only events within the session timeout after a midnight can continue such a visit.
   */
  private void takeUpVisitsAcrossMidnight(EventLog.Batch batch) {
    Map<String, List<Long>> bySite = new HashMap<>();
    Instant earliest = null;
    for (EventLog.Record record : batch.records()) {
      Event event = record.entry().event();
      Instant at = event.timestamp();
      OptionalLong previous = record.entry().previousVisitorId();
      if (previous.isEmpty()
          || at.isAfter(at.truncatedTo(ChronoUnit.DAYS).plus(sessionTimeout))
          || sessions.hasSession(event.siteId(), event.visitorId(), at)
          || sessions.hasSession(event.siteId(), previous.getAsLong(), at)) {
        continue;
      }
      bySite.computeIfAbsent(event.siteId(), site -> new ArrayList<>()).add(previous.getAsLong());
      earliest = earliest == null || at.isBefore(earliest) ? at : earliest;
    }
    Instant since = earliest == null ? null : earliest.minus(sessionTimeout);
    bySite.forEach((site, visitors) ->
        sessions.restore(storage.sessions().findActive(site, visitors, since)));
  }

  private String name(int partition) {
    return log.name() + ":" + partition;
  }
}
