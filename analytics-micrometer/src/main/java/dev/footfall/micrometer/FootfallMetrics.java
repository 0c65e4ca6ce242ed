package dev.footfall.micrometer;

import dev.footfall.Analytics;
import dev.footfall.AnalyticsStats;
import dev.footfall.DropReason;
import dev.footfall.EventLogStats;
import dev.footfall.Job;
import dev.footfall.JobStats;
import dev.footfall.TimingStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * Binds the counters of an {@link Analytics} instance ({@link Analytics#stats()}) to a Micrometer
 * {@link MeterRegistry}:
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 *   <tr><td>{@code footfall.events.received}</td><td>counter</td><td></td>
 *     <td>requests handed to the tracker</td></tr>
 *   <tr><td>{@code footfall.events.accepted}</td><td>counter</td><td></td>
 *     <td>events that entered the buffer</td></tr>
 *   <tr><td>{@code footfall.events.stored}</td><td>counter</td><td></td>
 *     <td>events written to storage</td></tr>
 *   <tr><td>{@code footfall.events.dropped}</td><td>counter</td><td>{@code reason}</td>
 *     <td>events not stored, by {@link DropReason} ({@code buffer_full}, {@code bot}, …)</td></tr>
 *   <tr><td>{@code footfall.events.pending}</td><td>gauge</td><td></td>
 *     <td>accepted events neither stored nor dropped yet</td></tr>
 *   <tr><td>{@code footfall.buffer.depth}</td><td>gauge</td><td></td>
 *     <td>requests waiting in the buffer</td></tr>
 *   <tr><td>{@code footfall.writer.lag}</td><td>time gauge</td><td></td>
 *     <td>how long the oldest batch handed to the writer has waited</td></tr>
 *   <tr><td>{@code footfall.writer.batches}</td><td>function timer</td><td></td>
 *     <td>successful writes to storage and their time</td></tr>
 *   <tr><td>{@code footfall.writer.failures}</td><td>counter</td><td></td>
 *     <td>failed writes (each is retried)</td></tr>
 *   <tr><td>{@code footfall.sessions.evicted}</td><td>counter</td><td></td>
 *     <td>sessions let go early because their memory was full</td></tr>
 *   <tr><td>{@code footfall.jobs}</td><td>function timer</td><td>{@code job}</td>
 *     <td>background job runs and their time</td></tr>
 *   <tr><td>{@code footfall.jobs.failures}</td><td>counter</td><td>{@code job}</td>
 *     <td>job runs that failed</td></tr>
 *   <tr><td>{@code footfall.tasks}</td><td>function timer</td><td>{@code task}</td>
 *     <td>runs of the tasks modules added ({@code email-reports}, …) and their time</td></tr>
 *   <tr><td>{@code footfall.tasks.failures}</td><td>counter</td><td>{@code task}</td>
 *     <td>task runs that failed</td></tr>
 *   <tr><td>{@code footfall.reports}</td><td>function timer</td><td>{@code report}</td>
 *     <td>reports asked for and their time ({@code aggregate}, {@code timeseries}, …)</td></tr>
 *   <tr><td>{@code cache.gets}, {@code cache.size}, {@code cache.evictions}, {@code
 *     cache.puts}</td><td>Micrometer's cache meters</td><td>{@code cache}, {@code result}</td>
 *     <td>Footfall's caches, named {@code footfall.user_agents} and so on</td></tr>
 *   <tr><td>{@code footfall.log.appended}, {@code footfall.log.consumed}</td><td>counters</td>
 *     <td></td><td>cluster mode only: records appended to and read from the event log</td></tr>
 *   <tr><td>{@code footfall.log.lag}, {@code footfall.log.partitions}, {@code
 *     footfall.log.reachable}</td><td>gauges</td><td></td><td>cluster mode only: records not read
 *     yet, partitions owned, whether the log's servers answer (1 or 0)</td></tr>
 * </table>
 *
 * <p>Every meter reads the counters when the registry asks, so binding costs nothing on the
 * tracking path; every meter carries the tags given here.
 *
 * <pre>{@code
 * new FootfallMetrics(analytics, Tags.of("app", "shop")).bindTo(registry);
 * }</pre>
 *
 * <p>Spring Boot's starter binds it by itself. Thread-safe.
 *
 * @since 0.4
 */
public final class FootfallMetrics implements MeterBinder {
  private final Analytics analytics;
  private final Iterable<Tag> tags;

  /** Binds the meters with no tags of their own. */
  public FootfallMetrics(Analytics analytics) {
    this(analytics, Tags.empty());
  }

  /** Binds the meters, each with these tags. */
  public FootfallMetrics(Analytics analytics, Iterable<Tag> tags) {
    this.analytics = Objects.requireNonNull(analytics, "analytics");
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    counter(registry, "footfall.events.received", "Requests handed to the tracker",
        AnalyticsStats::received);
    counter(registry, "footfall.events.accepted", "Events that entered the buffer",
        AnalyticsStats::accepted);
    counter(registry, "footfall.events.stored", "Events written to storage",
        AnalyticsStats::stored);
    for (DropReason reason : DropReason.values()) {
      FunctionCounter.builder("footfall.events.dropped", analytics,
              a -> a.stats().dropped(reason))
          .description("Events not stored, by reason")
          .baseUnit(BaseUnits.EVENTS)
          .tags(tags).tag("reason", reason.name().toLowerCase(Locale.ROOT))
          .register(registry);
    }
    gauge(registry, "footfall.events.pending", "Accepted events neither stored nor dropped yet",
        AnalyticsStats::pending);
    gauge(registry, "footfall.buffer.depth", "Requests waiting in the buffer",
        AnalyticsStats::queueDepth);
    TimeGauge.builder("footfall.writer.lag", analytics, TimeUnit.NANOSECONDS,
            a -> a.stats().writerLag().toNanos())
        .description("How long the oldest batch handed to the writer has waited")
        .tags(tags)
        .register(registry);
    timer(registry, "footfall.writer.batches", "Successful writes to storage", Tags.empty(),
        a -> a.stats().batchWrites());
    counter(registry, "footfall.writer.failures", "Failed writes to storage (each is retried)",
        AnalyticsStats::storageFailures);
    counter(registry, "footfall.sessions.evicted",
        "Sessions let go before their timeout because their memory was full",
        AnalyticsStats::sessionsEvicted);
    bindJobs(registry);
    bindTasks(registry);
    for (String report : analytics.stats().reports().keySet()) {
      timer(registry, "footfall.reports", "Reports asked for", Tags.of("report", report),
          a -> a.stats().reports().getOrDefault(report, TimingStats.NONE));
    }
    for (String cache : analytics.stats().caches().keySet()) {
      new FootfallCacheMetrics(analytics, cache, tags).bindTo(registry);
    }
    if (analytics.stats().eventLog().isPresent()) {
      bindEventLog(registry);
    }
  }

  private void bindJobs(MeterRegistry registry) {
    for (Job job : Job.values()) {
      Tags jobTag = Tags.of("job", job.key());
      FunctionTimer.builder("footfall.jobs", analytics, a -> jobStats(a, job).runs(),
              a -> jobStats(a, job).time().toNanos(), TimeUnit.NANOSECONDS)
          .description("Background job runs")
          .tags(tags).tags(jobTag)
          .register(registry);
      FunctionCounter.builder("footfall.jobs.failures", analytics,
              a -> jobStats(a, job).failures())
          .description("Background job runs that failed")
          .tags(tags).tags(jobTag)
          .register(registry);
    }
  }

  private void bindTasks(MeterRegistry registry) {
    for (String task : analytics.jobs().tasks()) {
      Tags taskTag = Tags.of("task", task);
      FunctionTimer.builder("footfall.tasks", analytics, a -> taskStats(a, task).runs(),
              a -> taskStats(a, task).time().toNanos(), TimeUnit.NANOSECONDS)
          .description("Runs of a task that a module added")
          .tags(tags).tags(taskTag)
          .register(registry);
      FunctionCounter.builder("footfall.tasks.failures", analytics,
              a -> taskStats(a, task).failures())
          .description("Runs of a task that a module added that failed")
          .tags(tags).tags(taskTag)
          .register(registry);
    }
  }

  private static JobStats taskStats(Analytics analytics, String task) {
    return analytics.stats().tasks().get(task);
  }

  private static JobStats jobStats(Analytics analytics, Job job) {
    return analytics.stats().jobs().get(job);
  }

  private void bindEventLog(MeterRegistry registry) {
    FunctionCounter.builder("footfall.log.appended", analytics,
            a -> log(a, EventLogStats::appended))
        .description("Events this instance appended to the event log")
        .baseUnit(BaseUnits.EVENTS).tags(tags).register(registry);
    FunctionCounter.builder("footfall.log.consumed", analytics,
            a -> log(a, EventLogStats::consumed))
        .description("Records this instance read from the event log")
        .baseUnit("records").tags(tags).register(registry);
    Gauge.builder("footfall.log.lag", analytics, a -> log(a, EventLogStats::lag))
        .description("Records in this instance's partitions not read yet")
        .baseUnit("records").tags(tags).register(registry);
    Gauge.builder("footfall.log.partitions", analytics, a -> log(a, EventLogStats::partitions))
        .description("Event log partitions this instance owns")
        .tags(tags).register(registry);
    Gauge.builder("footfall.log.reachable", analytics,
            a -> log(a, stats -> stats.reachable() ? 1 : 0))
        .description("Whether the event log's servers answered the last check (1) or not (0)")
        .tags(tags).register(registry);
  }

  /** Reads a number of the event log's counters; NaN if there is no log (it is never removed). */
  private static double log(Analytics analytics, ToDoubleFunction<EventLogStats> value) {
    return analytics.stats().eventLog().map(value::applyAsDouble).orElse(Double.NaN);
  }

  private void counter(MeterRegistry registry, String name, String description,
      ToLongFunction<AnalyticsStats> value) {
    FunctionCounter.builder(name, analytics, a -> value.applyAsLong(a.stats()))
        .description(description)
        .baseUnit(BaseUnits.EVENTS)
        .tags(tags)
        .register(registry);
  }

  private void gauge(MeterRegistry registry, String name, String description,
      ToDoubleFunction<AnalyticsStats> value) {
    Gauge.builder(name, analytics, a -> value.applyAsDouble(a.stats()))
        .description(description)
        .baseUnit(BaseUnits.EVENTS)
        .tags(tags)
        .register(registry);
  }

  private void timer(MeterRegistry registry, String name, String description, Tags extra,
      Function<Analytics, TimingStats> timing) {
    FunctionTimer.builder(name, analytics, a -> timing.apply(a).count(),
            a -> timing.apply(a).total().toNanos(), TimeUnit.NANOSECONDS)
        .description(description)
        .tags(tags).tags(extra)
        .register(registry);
  }
}
