package dev.footfall;

import dev.footfall.internal.SaltRing;
import dev.footfall.internal.TimeTally;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs Footfall's background {@link Job jobs}. {@link Analytics} runs each on its scheduler; {@link
 * #run} runs one by hand (from the admin API, say). Either way a job first takes its lease in the
 * storage, so that with several application instances on one database each job runs on one
 * instance at a time; an instance that dies holding a lease loses it after {@link #LEASE}. The
 * {@linkplain ScheduledTask tasks} that modules add run the same way ({@link #runTask}).
 * Thread-safe.
 *
 * @since 0.1
 */
public final class Jobs {
  /** How long a lease lasts if its holder never releases it. */
  public static final Duration LEASE = Duration.ofMinutes(15);
  /** The prefix of a {@linkplain ScheduledTask task}'s lease name. */
  static final String TASK_LEASE = "task:";
  /** How many rows the retention job deletes per statement. */
  static final int DELETE_BATCH = 10_000;

  private final Storage storage;
  private final SaltRing salts;
  private final Clock clock;
  private final Duration sessionTimeout;
  private final Optional<Duration> retention;
  private final Rollups rollups;
  private final Map<Job, TimeTally> runs = new EnumMap<>(Job.class);
  private final Map<Job, LongAdder> failures = new EnumMap<>(Job.class);
  private final Analytics analytics;
  /** The tasks by name, in the order they were added. */
  private final Map<String, ScheduledTask> tasks;
  private final Map<String, TimeTally> taskRuns = new LinkedHashMap<>();
  private final Map<String, LongAdder> taskFailures = new LinkedHashMap<>();

  Jobs(Storage storage, SaltRing salts, Clock clock, Duration sessionTimeout,
      Optional<Duration> retention, Rollups rollups, Analytics analytics,
      Map<String, ScheduledTask> tasks) {
    this.storage = storage;
    this.analytics = analytics;
    this.tasks = tasks;
    tasks.keySet().forEach(name -> {
      taskRuns.put(name, new TimeTally());
      taskFailures.put(name, new LongAdder());
    });
    this.rollups = rollups;
    this.salts = salts;
    this.clock = clock;
    this.sessionTimeout = sessionTimeout;
    this.retention = retention;
    for (Job job : Job.values()) {
      runs.put(job, new TimeTally());
      failures.put(job, new LongAdder());
    }
  }

  /**
   * Runs a job now, unless it is running already (here or on another instance).
   *
   * @return what the run did, or that it did not run
   * @throws StorageException if the storage failed (the scheduler reports it to the {@link
   *     ErrorListener} and tries again at the next run)
   */
  public JobRun run(Job job) {
    Objects.requireNonNull(job, "job");
    Optional<String> needless = needless(job);
    if (needless.isPresent()) {
      return new JobRun(job, false, "not run: " + needless.get());
    }
    return leased(job.key(), runs.get(job), failures.get(job),
        owner -> new JobRun(job, true, execute(job, owner)),
        () -> new JobRun(job, false,
            "not run: it is running already (here or on another instance)"));
  }

  /**
   * Runs a {@linkplain ScheduledTask task} now, unless it is running already (here or on another
   * instance).
   *
   * @return what the run did, or that it did not run
   * @throws IllegalArgumentException if this instance has no task of that name
   * @throws RuntimeException whatever the task threw (the scheduler reports it to the {@link
   *     ErrorListener} and tries again at the next run)
   * @since 0.4
   */
  public TaskRun runTask(String name) {
    Objects.requireNonNull(name, "name");
    ScheduledTask task = tasks.get(name);
    if (task == null) {
      throw new IllegalArgumentException("task must be one of " + tasks.keySet() + " but was '"
          + name + "'");
    }
    return leased(TASK_LEASE + name, taskRuns.get(name), taskFailures.get(name),
        owner -> new TaskRun(name, true, task.run(analytics)),
        () -> new TaskRun(name, false,
            "not run: it is running already (here or on another instance)"));
  }

  /**
   * Returns the names of this instance's {@linkplain ScheduledTask tasks}, in the order they were
   * added.
   *
   * @since 0.4
   */
  public Set<String> tasks() {
    return Collections.unmodifiableSet(tasks.keySet());
  }

  /**
   * Takes the lease {@code key}, runs {@code body} holding it, timing it (and counting a failure),
   * and releases it; answers {@code busy} without running if another owner holds it.
   */
  private <R> R leased(String key, TimeTally tally, LongAdder failed,
      Function<String, R> body, Supplier<R> busy) {
    // Each run is its own lease owner, so that a run by hand cannot join a scheduled one.
    String owner = UUID.randomUUID().toString();
    if (!storage.leases().tryAcquire(key, owner, clock.instant(), LEASE)) {
      return busy.get();
    }
    RuntimeException failure = null;
    try {
      return tally.time(() -> body.apply(owner));
    } catch (RuntimeException e) {
      failure = e;
      failed.increment();
      throw e;
    } finally {
      try {
        storage.leases().release(key, owner);
      } catch (RuntimeException e) {
        // The lease expires by itself; the run's own failure, if any, is what the caller must see.
        if (failure == null) {
          throw e;
        }
        failure.addSuppressed(e);
      }
    }
  }

  /** Returns what each task did on this instance so far, by name. */
  Map<String, JobStats> taskStats() {
    Map<String, JobStats> stats = new LinkedHashMap<>();
    taskRuns.forEach((name, tally) -> {
      TimingStats timing = tally.snapshot();
      stats.put(name, new JobStats(timing.count(), taskFailures.get(name).sum(), timing.total()));
    });
    return stats;
  }

  /** Returns what each job did on this instance so far. */
  Map<Job, JobStats> stats() {
    Map<Job, JobStats> stats = new EnumMap<>(Job.class);
    runs.forEach((job, tally) -> {
      TimingStats timing = tally.snapshot();
      stats.put(job, new JobStats(timing.count(), failures.get(job).sum(), timing.total()));
    });
    return stats;
  }

  /**
   * Returns how long raw events are kept; empty if they are kept for good (the default on a storage
   * that {@linkplain Storage#countsRawEventsFast() counts raw events fast}, whose raw events are
   * the only history).
   */
  public Optional<Duration> retention() {
    return retention;
  }

  /**
   * Returns why the job has nothing to do on this instance's configuration, if it has not: no
   * rollups on a storage that counts raw events fast, no deletions without a retention.
   */
  Optional<String> needless(Job job) {
    if (job == Job.ROLLUP && !rollups.enabled()) {
      return Optional.of("this storage counts reports from raw events and keeps no rollups");
    }
    if (job == Job.RETENTION && retention.isEmpty()) {
      return Optional.of("no retention is set, so raw events are kept");
    }
    return Optional.empty();
  }

  private String execute(Job job, String owner) {
    Instant now = clock.instant();
    return switch (job) {
      case FINALIZE_SESSIONS -> "ended " + storage.sessions().endInactive(now.minus(sessionTimeout))
          + " sessions idle since before " + now.minus(sessionTimeout);
      case RETENTION -> deleteOld(rollups.retentionCutoff(now.minus(retention.orElseThrow())),
          owner);
      case ROLLUP -> rollups.rollUpPending(() -> stillOurs(job, owner));
      case ROTATE_SALTS -> {
        SaltRing.Keys keys = salts.rotate(now);
        yield keys.persisted() ? "salt of " + keys.day() + " stored, older ones deleted"
            : "salt of " + keys.day() + " kept in memory only: the storage failed";
      }
    };
  }

  /**
   * Deletes in batches, so that no statement locks the tables for long, renewing the lease between
   * batches (events a rollup still needs are kept); stops early if interrupted (shutdown) or if the lease was lost.
   */
  private String deleteOld(Instant cutoff, String owner) {
    long events = 0;
    long sessions = 0;
    int deleted = DELETE_BATCH;
    while (deleted == DELETE_BATCH && stillOurs(Job.RETENTION, owner)) {
      deleted = storage.events().deleteBefore(cutoff, DELETE_BATCH);
      events += deleted;
    }
    long engagements = 0;
    deleted = DELETE_BATCH;
    while (deleted == DELETE_BATCH && stillOurs(Job.RETENTION, owner)) {
      deleted = storage.events().deleteEngagementsBefore(cutoff, DELETE_BATCH);
      engagements += deleted;
    }
    deleted = DELETE_BATCH;
    while (deleted == DELETE_BATCH && stillOurs(Job.RETENTION, owner)) {
      deleted = storage.sessions().deleteEndedBefore(cutoff, DELETE_BATCH);
      sessions += deleted;
    }
    // The days wholly before the cutoff in every timezone (UTC-12 to UTC+14).
    storage.rollups().deleteRecurringVisitorsBefore(
        LocalDate.ofInstant(cutoff, ZoneOffset.UTC).minusDays(1));
    return "deleted " + events + " events, " + engagements + " engagements and " + sessions
        + " ended sessions older than " + cutoff;
  }

  private boolean stillOurs(Job job, String owner) {
    return !Thread.currentThread().isInterrupted()
        && storage.leases().tryAcquire(job.key(), owner, clock.instant(), LEASE);
  }
}
