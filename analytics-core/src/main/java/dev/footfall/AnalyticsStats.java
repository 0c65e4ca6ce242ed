package dev.footfall;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A snapshot of the ingestion counters since {@link Analytics} was built. Every request handed to
 * {@link Tracker#track} is {@linkplain #received() received}; it is then either {@linkplain
 * #accepted() accepted} into the buffer or dropped at once ({@link DropReason#UNKNOWN_SITE}, {@link
 * DropReason#BUFFER_FULL}, {@link DropReason#SHUT_DOWN}). An accepted event is later {@linkplain
 * #stored() stored} or dropped for another reason; until then it is {@linkplain #pending()
 * pending}. Besides the events, it counts the sessions {@linkplain #sessionsEvicted() let go early}
 * because the memory for sessions was full. Immutable.
 *
 * @since 0.1
 */
public final class AnalyticsStats {
  private final long received;
  private final long accepted;
  private final long stored;
  private final Map<DropReason, Long> dropped;
  private final int queueDepth;
  private final long storageFailures;
  private final long sessionsEvicted;
  private final Optional<EventLogStats> eventLog;
  private final Duration writerLag;
  private final TimingStats batchWrites;
  private final Map<Job, JobStats> jobs;
  private final Map<String, JobStats> tasks;
  private final Map<String, TimingStats> reports;
  private final Map<String, CacheCounts> caches;

  AnalyticsStats(long received, long accepted, long stored, Map<DropReason, Long> dropped,
      int queueDepth, long storageFailures, long sessionsEvicted,
      Optional<EventLogStats> eventLog, Duration writerLag, TimingStats batchWrites,
      Map<Job, JobStats> jobs, Map<String, JobStats> tasks, Map<String, TimingStats> reports,
      Map<String, CacheCounts> caches) {
    this.received = received;
    this.accepted = accepted;
    this.stored = stored;
    this.dropped = Collections.unmodifiableMap(new EnumMap<>(dropped));
    this.queueDepth = queueDepth;
    this.storageFailures = storageFailures;
    this.sessionsEvicted = sessionsEvicted;
    this.eventLog = eventLog;
    this.writerLag = writerLag;
    this.batchWrites = batchWrites;
    this.jobs = Collections.unmodifiableMap(new EnumMap<>(jobs));
    this.tasks = Collections.unmodifiableMap(new LinkedHashMap<>(tasks));
    this.reports = Collections.unmodifiableMap(new LinkedHashMap<>(reports));
    this.caches = Collections.unmodifiableMap(new LinkedHashMap<>(caches));
  }

  /** Returns how many requests were handed to the tracker. */
  public long received() {
    return received;
  }

  /** Returns how many requests entered the buffer. */
  public long accepted() {
    return accepted;
  }

  /** Returns how many events were written to storage. */
  public long stored() {
    return stored;
  }

  /** Returns how many events were dropped for a reason. */
  public long dropped(DropReason reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  /** Returns how many events were dropped, by reason; reasons with no drops are absent. */
  public Map<DropReason, Long> droppedByReason() {
    return dropped;
  }

  /** Returns how many dropped events there were in all. */
  public long droppedTotal() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Returns how many accepted events are neither stored nor dropped yet. */
  public long pending() {
    long droppedAfterAcceptance = droppedTotal() - dropped(DropReason.UNKNOWN_SITE)
        - dropped(DropReason.BUFFER_FULL) - dropped(DropReason.SHUT_DOWN);
    return accepted - stored - droppedAfterAcceptance;
  }

  /** Returns how many requests wait in the buffer. */
  public int queueDepth() {
    return queueDepth;
  }

  /** Returns how many storage writes failed (each is retried). */
  public long storageFailures() {
    return storageFailures;
  }

  /**
   * Returns how many sessions were let go from memory before their timeout because the memory for
   * sessions ({@link Analytics.Builder#maxActiveSessions}) was full; the next event of each of
   * those visitors started a new session. No event is lost.
   *
   * @since 0.1
   */
  public long sessionsEvicted() {
    return sessionsEvicted;
  }

  /**
   * Returns cluster mode's event log counters: appended, consumed, lag, and whether the log's
   * servers answer; empty on a single instance. In cluster mode {@link #stored()} counts the events
   * this instance stored for the partitions it owns, whichever instance tracked them, so {@link
   * #pending()} is only meaningful summed over all instances.
   *
   * @since 0.3
   */
  public Optional<EventLogStats> eventLog() {
    return eventLog;
  }

  /**
   * Returns how long the oldest batch of events handed to the writer has waited to be stored,
   * retries included; zero when the writer is idle. A lag that grows means storage is failing or
   * not keeping up (events then wait in the buffer: see {@link #queueDepth()}).
   *
   * @since 0.4
   */
  public Duration writerLag() {
    return writerLag;
  }

  /**
   * Returns how many writes of events and sessions to storage succeeded, and the time they took
   * (a write that was retried counts once, with its successful try's time).
   *
   * @since 0.4
   */
  public TimingStats batchWrites() {
    return batchWrites;
  }

  /**
   * Returns what each background job did on this instance, every job present.
   *
   * @since 0.4
   */
  public Map<Job, JobStats> jobs() {
    return jobs;
  }

  /**
   * Returns what each {@linkplain ScheduledTask task} did on this instance, by name, every task
   * present.
   *
   * @since 0.4
   */
  public Map<String, JobStats> tasks() {
    return tasks;
  }

  /**
   * Returns how often each report of {@link Reports} was asked for and the time it took, by the
   * report's name: {@code aggregate}, {@code timeseries}, {@code breakdown}, {@code groups}, {@code
   * props}, {@code goals}, {@code funnel} and {@code realtime} (every one present). The dashboard,
   * the admin API and the Stats API all ask through {@link Reports}.
   *
   * @since 0.4
   */
  public Map<String, TimingStats> reports() {
    return reports;
  }

  /**
   * Returns the counters of Footfall's in-memory caches, by name: {@code user_agents} always, and,
   * where reports count from rollups, {@code report_sums}, {@code recurring_visitors} and {@code
   * raw_days}.
   *
   * @since 0.4
   */
  public Map<String, CacheCounts> caches() {
    return caches;
  }

  @Override
  public String toString() {
    return "AnalyticsStats{received=" + received + ", accepted=" + accepted + ", stored=" + stored
        + ", dropped=" + dropped + ", queueDepth=" + queueDepth + ", storageFailures="
        + storageFailures + ", sessionsEvicted=" + sessionsEvicted + ", writerLag=" + writerLag
        + ", batchWrites=" + batchWrites + eventLog.map(log -> ", eventLog=" + log).orElse("")
        + "}";
  }
}
