package dev.footfall;

import dev.footfall.internal.Attribution;
import dev.footfall.internal.BatchWriter;
import dev.footfall.internal.DropSummary;
import dev.footfall.internal.Enricher;
import dev.footfall.internal.HeapShare;
import dev.footfall.internal.IngestBuffer;
import dev.footfall.internal.IngestCounters;
import dev.footfall.internal.IngestWorker;
import dev.footfall.internal.LogOutput;
import dev.footfall.internal.QuietRetry;
import dev.footfall.internal.ReferrerSources;
import dev.footfall.internal.SaltRing;
import dev.footfall.internal.SessionOutput;
import dev.footfall.internal.UserAgentClassifier;
import dev.footfall.internal.report.ReportCounting;
import dev.footfall.spi.EmailReportStore;
import dev.footfall.spi.EventLog;
import dev.footfall.spi.GeoLocator;
import dev.footfall.spi.GoalStore;
import dev.footfall.spi.ImportStore;
import dev.footfall.spi.SharedLinkStore;
import dev.footfall.spi.Storage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Footfall inside an application: the {@link Tracker}, the {@link SessionManager}, the {@link
 * SiteRegistry}, the background ingest thread and the job scheduler, over one {@link Storage}.
 *
 * <pre>{@code
 * Analytics analytics = Analytics.builder()
 *     .storage(JdbiStorage.h2(Path.of("data/footfall")))
 *     .build();
 * analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("Europe/Berlin"), "Shop", now));
 * analytics.tracker().track(TrackRequest.pageview("shop", "https://shop.example/pricing")
 *     .context(RequestContext.of(clientIp, userAgent))
 *     .build());
 * }</pre>
 *
 * <p>Building starts the ingest and writer threads and the scheduler and returns quickly: the User-Agent
 * analyzer is built in the background, and events that arrive before it is ready wait in the
 * buffer. {@link #close()} stops accepting events, stores everything already accepted, stops the
 * threads and closes the storage. Thread-safe.
 *
 * @since 0.1
 */
public final class Analytics implements AutoCloseable {
  /**
   * When every site's today is first read into memory for reports, and how often it is then brought
   * up to date, so that a dashboard opened now and then finds it held (every five minutes keeps it
   * from being let go after ten unviewed).
   */
  static final Duration KEEP_TODAY_FIRST = Duration.ofSeconds(1);
  static final Duration KEEP_TODAY_EVERY = Duration.ofMinutes(5);
  /**
   * How often the sites are reloaded from storage, so that a site created, changed or deleted by
   * another instance on the same database is honoured here within about a second. Reading the
   * {@code site} table is cheap; a failing read is reported once per outage ({@link QuietRetry}).
   */
  static final Duration SITE_REFRESH = Duration.ofSeconds(1);
  /**
   * The lease that tells other instances on the same database that this one is alive and holds
   * its open sessions ({@link Session#owner()}), its ttl, and how often it is renewed.
   */
  static final String INSTANCE_LEASE = "instance:";
  static final Duration INSTANCE_LEASE_TTL = Duration.ofMinutes(1);
  static final Duration INSTANCE_LEASE_RENEWAL = Duration.ofSeconds(10);
  /** How long raw events are kept unless set, on a storage that keeps rollups. */
  private static final Duration DEFAULT_RETENTION = Duration.ofDays(90);
  /** How long past the shutdown timeout a hanging write may hold {@link #close()} up. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** The least time without progress after which {@link #close()} takes the ingest thread to hang. */
  private static final Duration INGEST_HANG = Duration.ofMinutes(1);
  /** How long a batch may wait for the writer before {@link #health()} calls the writer stalled. */
  static final Duration WRITER_STALL = Duration.ofMinutes(1);
  /** How often {@link #close()} looks for a stalled storage while it waits. */
  private static final Duration STALL_CHECK = Duration.ofMillis(200);

  private final Storage storage;
  private final SiteRegistry sites;
  private final Reports reports;
  private final Exports exports;
  private final Goals goals;
  private final EmailReports emailReports;
  private final SharedLinks sharedLinks;
  private final Imports imports;
  private final Jobs jobs;
  private final Rollups rollups;
  private final StoredEvents events;
  private final SessionManager sessions;
  private final IngestBuffer buffer;
  private final IngestCounters counters;
  private final Tracker tracker;
  private final SaltRing salts;
  private final Thread ingestThread;
  private final Thread writerThread;
  private final BatchWriter writer;
  private final IngestWorker worker;
  private final DropSummary dropSummary;
  private final UserAgentClassifier userAgents;
  private final ReportCounting counting;
  private final ScheduledExecutorService scheduler;
  /** Where the days reports count from raw events are read again in the background. */
  private final ScheduledExecutorService rereads;
  private final Clock clock;
  private final Duration shutdownTimeout;
  private final ErrorListener errors;
  /** Cluster mode's event log, or {@code null} on a single instance. */
  private final EventLog eventLog;
  /** This instance's id: the owner of the sessions it holds open. */
  private final String instanceId = UUID.randomUUID().toString();
  private boolean closed;

  private Analytics(Builder b) {
    this.storage = b.storage;
    this.clock = b.clock;
    this.shutdownTimeout = b.shutdownTimeout;
    this.errors = b.errorListener;
    this.sites = new SiteRegistry(storage.sites());

    this.eventLog = b.eventLog;
    this.sessions = new SessionManager(b.sessionTimeout, b.maxActiveSessions, clock, instanceId);
    if (eventLog == null) {
      restoreSessions(b.sessionTimeout); // in cluster mode each partition's owner restores them
    }
    this.counters = new IngestCounters();
    this.dropSummary = new DropSummary(counters);
    this.buffer = new IngestBuffer(b.bufferCapacity, counters, errors);
    this.tracker = new DefaultTracker(sites, buffer, counters, clock);
    this.salts = new SaltRing(storage.salts(), errors);
    this.userAgents =
        new UserAgentClassifier(UserAgentClassifier.sharedAnalyzer(), b.userAgentCacheSize);
    Enricher enricher = new Enricher(sites::find, userAgents, new Attribution(ReferrerSources.load()), salts, b.geoLocator, errors);
    this.writer = new BatchWriter(buffer, storage, counters, errors, shutdownTimeout,
        b.storesLogPositions ? "writer:" + instanceId : null);
    IngestWorker.Output output = eventLog == null
        ? new SessionOutput(sessions, writer, errors)
        : new LogOutput(eventLog, writer, counters, errors);
    this.worker = new IngestWorker(buffer, enricher, output, counters, errors,
        b.batchSize, b.maxBatchDelay, max(shutdownTimeout, INGEST_HANG));

    this.writerThread = daemon(writer, "footfall-writer");
    this.ingestThread = daemon(worker, "footfall-ingest");
    // Two threads, so that a long retention run does not hold up the refresh of sites.
    this.scheduler = Executors.newScheduledThreadPool(2, r -> {
      Thread t = new Thread(r, "footfall-jobs");
      t.setDaemon(true);
      return t;
    });
    Optional<Duration> retention = Optional.ofNullable(b.retention)
        .or(() -> storage.countsRawEventsFast() ? Optional.empty()
            : Optional.of(DEFAULT_RETENTION));
    this.rollups = new Rollups(sites, storage, clock, retention);
    this.events = new StoredEvents(sites, storage.events(), tracker, rollups, clock, this::flush);
    this.rereads = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "footfall-rereads");
      t.setDaemon(true);
      return t;
    });
    this.counting = rollups.enabled() && b.reportsFromRollups
        ? ReportCounting.fromRollups(sites, storage, clock, counters.writes::sum,
            rollups::changes, rollups::replaced, rereads)
        : ReportCounting.fromRawEvents(storage);
    this.goals = new Goals(sites, goalStoreOf(storage));
    this.sharedLinks = new SharedLinks(sites, sharedLinkStoreOf(storage), clock);
    this.emailReports = new EmailReports(sites, emailReportStoreOf(storage), clock);
    ImportStore importStore = importStoreOf(storage);
    this.imports = new Imports(sites, importStore, clock);
    this.reports = new Reports(sites, counting.aggregates(), importStore, goals, clock);
    this.exports = new Exports(sites, counting.aggregates(), clock);
    this.jobs = new Jobs(storage, salts, clock, b.sessionTimeout, retention, rollups, this,
        b.tasks);
    b.jobIntervals.forEach((job, every) -> {
      if (jobs.needless(job).isEmpty()) {
        schedule(job, every);
      }
    });
    b.tasks.forEach((name, task) ->
        schedule(Jobs.TASK_LEASE + name, () -> jobs.runTask(name), task.interval()));
    schedule("refresh sites", new QuietRetry("refresh sites", sites::refresh, errors),
        SITE_REFRESH);
    schedule("summarise drops", dropSummary, Duration.ofMinutes(1));
    counting.keepToday().ifPresent(keepToday ->
        schedule("keep today", keepToday, KEEP_TODAY_FIRST, KEEP_TODAY_EVERY));
    if (eventLog == null) {
      schedule("renew the instance lease",
          new QuietRetry("renew the instance lease", this::renewInstanceLease, errors),
          INSTANCE_LEASE_RENEWAL);
    } else {
      eventLog.start(new LogIngest(eventLog, sessions, storage, counters, clock,
          b.sessionTimeout), errors);
    }
  }

  /** Starts configuring an instance. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the tracker. */
  public Tracker tracker() {
    return tracker;
  }

  /** Returns the registered sites. */
  public SiteRegistry sites() {
    return sites;
  }

  /** Returns the background jobs, to run one by hand. */
  public Jobs jobs() {
    return jobs;
  }

  /** Returns the day rollups, to roll up a range of days by hand. */
  public Rollups rollups() {
    return rollups;
  }

  /**
   * Returns the stored events, to list, correct, delete and import them while keeping rollups and
   * reports right.
   *
   * @since 0.2
   */
  public StoredEvents events() {
    return events;
  }

  /** Returns the reports on the stored events. */
  public Reports reports() {
    return reports;
  }

  /**
   * Returns the exports: a site's stats over a range of days as a ZIP of CSV files in the layout
   * of Plausible's CSV export.
   *
   * @since 0.4
   */
  public Exports exports() {
    return exports;
  }

  /**
   * Returns the sites' goals and funnels.
   *
   * @since 0.3
   */
  public Goals goals() {
    return goals;
  }

  /** Returns the storage's goal store, or null if it stores none. */
  private static GoalStore goalStoreOf(Storage storage) {
    try {
      return storage.goals();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Returns the sites' shared links: read-only dashboards under unguessable URLs.
   *
   * @since 0.4
   */
  public SharedLinks sharedLinks() {
    return sharedLinks;
  }

  /**
   * Returns the sites' imported stats: past stats from Plausible, which reports show for the days
   * without events.
   *
   * @since 0.4
   */
  public Imports imports() {
    return imports;
  }

  /** Returns the storage's import store, or null if it stores none. */
  private static ImportStore importStoreOf(Storage storage) {
    try {
      return storage.imports();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** Returns the storage's shared-link store, or null if it stores none. */
  private static SharedLinkStore sharedLinkStoreOf(Storage storage) {
    try {
      return storage.sharedLinks();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /**
   * Returns who receives the sites' email reports, and the ledger that sends each report once.
   * The {@code analytics-email} module composes and sends them.
   *
   * @since 0.4
   */
  public EmailReports emailReports() {
    return emailReports;
  }

  /** Returns the storage's email report store, or null if it stores none. */
  private static EmailReportStore emailReportStoreOf(Storage storage) {
    try {
      return storage.emailReports();
    } catch (UnsupportedOperationException e) {
      return null;
    }
  }

  /** Returns the session manager. */
  public SessionManager sessions() {
    return sessions;
  }

  /** Returns the storage this instance was built with. */
  public Storage storage() {
    return storage;
  }

  /**
   * Returns the clock this instance reads the time from: for event times, sessions and the day of
   * the visitor-hashing salt.
   *
   * @since 0.1
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns a snapshot of the counters: ingestion, the writer, jobs, reports and caches. Cheap
   * enough for a monitoring system to read every few seconds.
   */
  public AnalyticsStats stats() {
    Map<String, CacheCounts> caches = new LinkedHashMap<>();
    caches.put("user_agents", userAgents.cacheCounts());
    caches.putAll(counting.cacheCounts());
    return new AnalyticsStats(counters.received.sum(), counters.accepted.sum(),
        counters.stored.sum(), counters.dropped(), buffer.depth(), counters.storageFailures.sum(),
        sessions.evictedCount(), Optional.ofNullable(eventLog).map(EventLog::stats),
        writer.lag(), counters.batchWrites.snapshot(), jobs.stats(), jobs.taskStats(),
        reports.timings(), caches);
  }

  /**
   * Checks whether this instance can do its work: the storage answers a read (asked now), the
   * writer is not stuck (its last write did not fail, and no batch has waited for it over a
   * minute) and, in cluster mode, the event log's servers answered their last check.
   *
   * @since 0.4
   */
  public Health health() {
    boolean storageReachable;
    try {
      storage.sites().list();
      storageReachable = true;
    } catch (RuntimeException e) {
      storageReachable = false;
    }
    boolean writerStalled = writer.failing() || writer.lag().compareTo(WRITER_STALL) > 0;
    return new Health(storageReachable, writerStalled,
        Optional.ofNullable(eventLog).map(log -> log.stats().reachable()));
  }

  /**
   * Waits until every event accepted before this call is stored (or dropped), for tests, imports and
   * orderly hand-overs. In cluster mode it waits until the {@linkplain Builder#eventLog event log}
   * has taken them (or refused them); the owners of their partitions store them soon after.
   *
   * @return {@code true} if that happened within the timeout
   * @throws IllegalStateException if this instance is closed
   */
  public boolean flush(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("analytics is closed");
      }
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      Optional<CompletableFuture<Void>> flushed = buffer.flushMarker(timeout);
      if (flushed.isEmpty()) {
        return false;
      }
      flushed.get().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException("flush failed", e.getCause());
    }
  }

  /**
   * Stops accepting events, stores everything already accepted (in cluster mode: hands it to the
   * event log, and closes the log, which leaves its group), stops the background threads and
   * closes the storage. It waits as long as storage makes progress, however slowly; it gives up on
   * the events not yet stored (counted as {@link DropReason#STORAGE_FAILURE}) only once no write has
   * succeeded for the shutdown timeout, because writes fail or hang, or once the ingest thread has
   * died or made no progress for a minute (or the shutdown timeout, if longer). Calling it again
   * does nothing.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    scheduler.shutdownNow();
    rereads.shutdownNow();
    try {
      // A running job stops between batches when interrupted; let it finish with the storage open.
      if (!scheduler.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)
          || !rereads.awaitTermination(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        errors.onError("close", new TimeoutException("a background job did not stop in time"));
      }
      CompletableFuture<Void> ended = buffer.close(() -> stalled(Duration.ZERO));
      if (awaitStoredOrStalled(ended)) {
        ingestThread.join();
        writerThread.join();
      } else {
        errors.onError("close", new TimeoutException("ingestion stopped making progress; the"
            + " events not yet stored are dropped"));
        stopThreads();
        if (!ingestThread.isAlive()) {
          buffer.discard(); // what a dead ingest thread left queued
        }
      }
    } catch (InterruptedException e) {
      stopThreads();
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      errors.onError("close", e.getCause());
    } finally {
      closeEventLog();
      releaseInstanceLease();
      dropSummary.run();
      storage.close();
    }
  }

  private void renewInstanceLease() {
    storage.leases().tryAcquire(INSTANCE_LEASE + instanceId, instanceId, clock.instant(),
        INSTANCE_LEASE_TTL);
  }

  /** Lets the next instance to start take this one's open sessions over (they are stored). */
  private void releaseInstanceLease() {
    if (eventLog != null) {
      return;
    }
    try {
      storage.leases().release(INSTANCE_LEASE + instanceId, instanceId);
    } catch (RuntimeException e) {
      errors.onError("release the instance lease", e);
    }
  }

  private void closeEventLog() {
    if (eventLog == null) {
      return;
    }
    try {
      eventLog.close();
    } catch (RuntimeException e) {
      errors.onError("close the event log", e);
    }
  }

  /**
   * Waits for the ingest thread to process the end marker for as long as ingestion makes progress.
   * The writer gives up on a stalled storage by itself; {@link #STOP_GRACE} later, for a write or
   * an enrichment that hangs, the threads are stopped from here.
   *
   * @return {@code true} once everything is processed, {@code false} if ingestion stalled
   */
  private boolean awaitStoredOrStalled(CompletableFuture<Void> ended)
      throws InterruptedException, ExecutionException {
    return awaitOrStalled(ended, () -> stalled(STOP_GRACE), STALL_CHECK);
  }

  /**
   * Waits for {@code ended} until {@code stalled} says to give up. A finished ingest thread looks
   * stalled too (it is no longer alive), so a stall counts only while {@code ended} is not done.
   */
  static boolean awaitOrStalled(CompletableFuture<Void> ended, BooleanSupplier stalled,
      Duration check) throws InterruptedException, ExecutionException {
    while (true) {
      try {
        ended.get(check.toMillis(), TimeUnit.MILLISECONDS);
        return true;
      } catch (TimeoutException e) {
        if (stalled.getAsBoolean() && !ended.isDone()) {
          return false;
        }
      }
    }
  }

  /**
   * Returns whether shutdown should give up: storage made no progress (writes fail or hang) for the
   * shutdown timeout plus {@code grace}, or the ingest thread died or made none for a minute at
   * least (it hangs).
   */
  private boolean stalled(Duration grace) {
    return writer.stalled(grace) || worker.stalled(grace, writer, ingestThread.isAlive());
  }

  /**
   * Interrupts the ingest and writer threads and gives them a moment to count what they drop. The
   * ingest thread stops first, so that it cannot hand the writer a batch after the writer has
   * counted its queue as lost.
   */
  private void stopThreads() {
    try {
      ingestThread.interrupt();
      ingestThread.join(Duration.ofSeconds(5).toMillis());
      writerThread.interrupt();
      writerThread.join(Duration.ofSeconds(5).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  /**
   * Takes up the stored open sessions that this instance may continue after a restart: those of no
   * known owner, and those whose owner is gone (its instance lease expired, a minute after a crash,
   * or was released by {@link #close()}); never those of a live instance, which continues them
   * itself. Taking a gone owner's lease while taking its sessions keeps two instances that start
   * together from both taking them, and the sessions are stored under this instance before that
   * lease is let go, so that no later instance takes them from this one.
   */
  private void restoreSessions(Duration timeout) {
    try {
      renewInstanceLease();
      Instant now = clock.instant();
      Map<String, List<Session>> byOwner = storage.sessions().findActive(now.minus(timeout))
          .stream().collect(Collectors.groupingBy(Session::owner));
      byOwner.forEach((owner, open) -> {
        if (owner.isEmpty()) {
          sessions.restore(open);
          return;
        }
        String lease = INSTANCE_LEASE + owner;
        if (!storage.leases().tryAcquire(lease, instanceId, now, INSTANCE_LEASE_TTL)) {
          return; // a live instance holds them
        }
        try {
          List<Session> taken =
              open.stream().map(s -> s.toBuilder().owner(instanceId).build()).toList();
          storage.write(List.of(), taken);
          sessions.restore(taken);
        } finally {
          storage.leases().release(lease, instanceId);
        }
      });
    } catch (RuntimeException e) {
      errors.onError("restore sessions", e);
    }
  }

  private void schedule(Job job, Duration every) {
    // Rollups catch up on missed days soon after start-up.
    Duration first = job == Job.ROLLUP && every.compareTo(Duration.ofMinutes(1)) > 0
        ? Duration.ofMinutes(1) : every;
    schedule(job.key(), () -> jobs.run(job), first, every);
  }

  private void schedule(String name, Runnable job, Duration every) {
    schedule(name, job, every, every);
  }

  private void schedule(String name, Runnable job, Duration first, Duration every) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        job.run();
      } catch (VirtualMachineError e) {
        throw e;
      } catch (Throwable e) {
        // A task that throws is never run again by the executor: report and retry next time.
        errors.onError(name, e);
      }
    }, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Configures an {@link Analytics}. Each setter validates its value at once and may be called only
   * once; {@link #build()} checks the rest and reports every problem together. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private Storage storage;
    private Clock clock;
    private Duration sessionTimeout;
    private Integer bufferCapacity;
    private Integer batchSize;
    private Duration maxBatchDelay;
    private Long userAgentCacheSize;
    private Long maxActiveSessions;
    private Duration shutdownTimeout;
    private Duration retention;
    private final Map<Job, Duration> jobIntervals = new EnumMap<>(Job.class);
    private final Map<String, ScheduledTask> tasks = new LinkedHashMap<>();
    private ErrorListener errorListener;
    private GeoLocator geoLocator;
    private Boolean reportsFromRollups;
    private EventLog eventLog;
    private boolean storesLogPositions;

    private Builder() {}

    /** Sets the storage (required). {@link Analytics#close()} closes it. */
    public Builder storage(Storage storage) {
      requireUnset(this.storage, "storage");
      this.storage = Objects.requireNonNull(storage, "storage");
      return this;
    }

    /** Sets the clock for event times, sessions and salts (default: the system clock, UTC). */
    public Builder clock(Clock clock) {
      requireUnset(this.clock, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Sets the idle time that ends a session (default 30 minutes). */
    public Builder sessionTimeout(Duration timeout) {
      requireUnset(this.sessionTimeout, "sessionTimeout");
      this.sessionTimeout = requirePositive(timeout, "sessionTimeout");
      return this;
    }

    /**
     * Sets how long raw events are kept; the hourly {@link Job#RETENTION} job deletes older events
     * and ended sessions. Default: 90 days, after which reports read the day rollups; on a storage
     * that {@linkplain Storage#countsRawEventsFast() counts raw events fast}, whose raw
     * events are the only history, they are kept for good unless a retention is set.
     *
     * @throws IllegalArgumentException if shorter than one day
     */
    public Builder retention(Duration retention) {
      requireUnset(this.retention, "retention");
      Objects.requireNonNull(retention, "retention");
      if (retention.compareTo(Duration.ofDays(1)) < 0) {
        throw new IllegalArgumentException("retention must be at least 1 day but was " + retention);
      }
      this.retention = retention;
      return this;
    }

    /**
     * Sets whether reports read the day rollups where those give the same numbers (default true).
     * On a storage that {@linkplain Storage#countsRawEventsFast() counts raw events fast} reports
     * always count raw events, whatever this says.
     * With false every report scans the raw events: slower over long ranges, and limited to the
     * retention period, but a visitor id that recurs on days that are not adjacent (one the client
     * sends) counts once even in ranges that reach back before the retention period.
     */
    public Builder reportsFromRollups(boolean enabled) {
      requireUnset(this.reportsFromRollups, "reportsFromRollups");
      this.reportsFromRollups = enabled;
      return this;
    }

    /**
     * Sets how often a job runs (defaults: {@link Job#FINALIZE_SESSIONS} every 5 minutes, {@link
     * Job#RETENTION} hourly, {@link Job#ROLLUP} and {@link Job#ROTATE_SALTS} every 10 minutes).
     *
     * @throws IllegalStateException if that job's interval was already set
     */
    public Builder jobInterval(Job job, Duration interval) {
      Objects.requireNonNull(job, "job");
      requireUnset(jobIntervals.get(job), "jobInterval(" + job.key() + ")");
      jobIntervals.put(job, requirePositive(interval, "jobInterval(" + job.key() + ")"));
      return this;
    }

    /**
     * Adds a background task that this instance's scheduler runs like a {@link Job}: under a lease,
     * so that one instance at a time runs it, every {@linkplain ScheduledTask#interval() interval}.
     * May be called once per task name.
     *
     * @throws IllegalArgumentException if the task's name is not 1 to 40 lower-case letters,
     *     digits and hyphens, or its interval is not positive
     * @throws IllegalStateException if a task of that name was already added
     * @since 0.4
     */
    public Builder task(ScheduledTask task) {
      Objects.requireNonNull(task, "task");
      String name = Objects.requireNonNull(task.name(), "task.name()");
      if (!name.matches("[a-z0-9-]{1,40}")) {
        throw new IllegalArgumentException("task name must be 1 to 40 lower-case letters, digits"
            + " and hyphens but was '" + name + "'");
      }
      requireUnset(tasks.get(name), "task(" + name + ")");
      requirePositive(task.interval(), "task(" + name + ").interval()");
      tasks.put(name, task);
      return this;
    }

    /**
     * Sets how many requests the buffer holds before it drops new ones as {@link
     * DropReason#BUFFER_FULL} (default: as many as fit in 5 % of the heap at 1 KiB each, at most
     * 50,000 and at least the batch size). An ordinary request takes one place (about 450 bytes);
     * a larger one takes one per started KiB of its estimated size, so that large requests cannot
     * hold more memory than as many ordinary ones.
     */
    public Builder bufferCapacity(int capacity) {
      requireUnset(this.bufferCapacity, "bufferCapacity");
      this.bufferCapacity = requirePositive(capacity, "bufferCapacity");
      return this;
    }

    /** Sets the most events written in one storage call (default 1,000). */
    public Builder batchSize(int size) {
      requireUnset(this.batchSize, "batchSize");
      this.batchSize = requirePositive(size, "batchSize");
      return this;
    }

    /** Sets how long the ingest thread waits for a first event before it looks again (default 200 ms). */
    public Builder maxBatchDelay(Duration delay) {
      requireUnset(this.maxBatchDelay, "maxBatchDelay");
      this.maxBatchDelay = requirePositive(delay, "maxBatchDelay");
      return this;
    }

    /** Sets how many classified User-Agents are cached (default 10,000). */
    public Builder userAgentCacheSize(long size) {
      requireUnset(this.userAgentCacheSize, "userAgentCacheSize");
      this.userAgentCacheSize = requirePositive(size, "userAgentCacheSize");
      return this;
    }

    /**
     * Sets how many sessions are kept in memory at most (default: as many as fit in 10 % of the heap
     * at 512 bytes each, e.g. 209,715 for a 1 GiB heap). An ordinary session takes 350 to 450
     * bytes and counts as one; a session whose pages, referrer or UTM tags are long counts for its
     * estimated size in units of 512 bytes, so that such sessions cannot hold more memory than as
     * many ordinary ones. When the sessions are full, the least likely to be used again are let go
     * ({@link AnalyticsStats#sessionsEvicted()}): the next event of such a visitor starts a new
     * session.
     */
    public Builder maxActiveSessions(long max) {
      requireUnset(this.maxActiveSessions, "maxActiveSessions");
      this.maxActiveSessions = requirePositive(max, "maxActiveSessions");
      return this;
    }

    /**
     * Sets how long {@link Analytics#close()} waits for a storage that makes no progress (writes
     * that fail or hang) before it gives up on the events not yet stored (default 30 s). A slow
     * storage whose writes succeed is waited for however long it takes.
     */
    public Builder shutdownTimeout(Duration timeout) {
      requireUnset(this.shutdownTimeout, "shutdownTimeout");
      this.shutdownTimeout = requirePositive(timeout, "shutdownTimeout");
      return this;
    }

    /** Sets who hears about background failures (default: {@link ErrorListener#logging()}). */
    public Builder errorListener(ErrorListener listener) {
      requireUnset(this.errorListener, "errorListener");
      this.errorListener = Objects.requireNonNull(listener, "errorListener");
      return this;
    }

    /**
     * Sets how countries are found for visitors whose request carries none from a trusted proxy
     * header (default {@link GeoLocator#NONE}: no country).
     */
    public Builder geoLocator(GeoLocator locator) {
      requireUnset(this.geoLocator, "geoLocator");
      this.geoLocator = Objects.requireNonNull(locator, "geoLocator");
      return this;
    }

    /**
     * Turns on cluster mode (default: off): tracked events go through this durable, partitioned log
     * (such as {@code KafkaEventLog} from {@code analytics-kafka}), and the instance that owns a
     * visitor's partition assigns the sessions and stores the events, so that several application
     * instances sharing the traffic and one database count every visit once. The storage must
     * store {@linkplain Storage#logPositions log positions}, as every store Footfall ships does;
     * the instances share one PostgreSQL or MariaDB database. {@link Analytics#close()} closes
     * the log.
     *
     * @since 0.3
     */
    public Builder eventLog(EventLog log) {
      requireUnset(this.eventLog, "eventLog");
      this.eventLog = Objects.requireNonNull(log, "eventLog");
      return this;
    }

    /**
     * Builds and starts the instance.
     *
     * @throws IllegalStateException listing every missing or inconsistent setting
     * @throws StorageException if the sites could not be loaded
     */
    public Analytics build() {
      List<String> problems = new ArrayList<>();
      if (storage == null) {
        problems.add("storage was not set but it is required");
      }
      clock = clock != null ? clock : Clock.systemUTC();
      sessionTimeout = sessionTimeout != null ? sessionTimeout : Duration.ofMinutes(30);
      batchSize = batchSize != null ? batchSize : 1_000;
      bufferCapacity = bufferCapacity != null ? bufferCapacity : (int) Math.max(batchSize,
          HeapShare.count(5, IngestBuffer.REQUEST_BYTES, 50_000));
      maxBatchDelay = maxBatchDelay != null ? maxBatchDelay : Duration.ofMillis(200);
      userAgentCacheSize = userAgentCacheSize != null ? userAgentCacheSize : 10_000L;
      maxActiveSessions = maxActiveSessions != null ? maxActiveSessions
          : HeapShare.count(10, SessionManager.SESSION_BYTES, Long.MAX_VALUE);
      shutdownTimeout = shutdownTimeout != null ? shutdownTimeout : Duration.ofSeconds(30);
      jobIntervals.putIfAbsent(Job.FINALIZE_SESSIONS, Duration.ofMinutes(5));
      jobIntervals.putIfAbsent(Job.RETENTION, Duration.ofHours(1));
      jobIntervals.putIfAbsent(Job.ROLLUP, Duration.ofMinutes(10));
      jobIntervals.putIfAbsent(Job.ROTATE_SALTS, Duration.ofMinutes(10));
      reportsFromRollups = reportsFromRollups != null ? reportsFromRollups : true;
      errorListener = errorListener != null ? errorListener : ErrorListener.logging();
      geoLocator = geoLocator != null ? geoLocator : GeoLocator.NONE;
      if (batchSize > bufferCapacity) {
        problems.add("batchSize was '" + batchSize + "' but it must not exceed bufferCapacity ("
            + bufferCapacity + ")");
      }
      storesLogPositions = storage != null && storesLogPositions(storage);
      if (eventLog != null && storage != null && !storesLogPositions) {
        problems.add("eventLog was set but storage " + storage.getClass().getSimpleName()
            + " does not store event log positions, which cluster mode needs");
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("invalid analytics configuration: "
            + String.join("; ", problems));
      }
      return new Analytics(this);
    }

    private static boolean storesLogPositions(Storage storage) {
      try {
        storage.logPositions(List.of());
        return true;
      } catch (UnsupportedOperationException e) {
        return false;
      }
    }

    private static void requireUnset(Object current, String name) {
      if (current != null) {
        throw new IllegalStateException(name + " was already set to " + current);
      }
    }

    private static Duration requirePositive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }

    private static long requirePositive(long value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }

    private static int requirePositive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be positive but was " + value);
      }
      return value;
    }
  }
}
