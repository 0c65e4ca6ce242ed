package dev.footfall.servlet;

import dev.footfall.Analytics;
import dev.footfall.AnalyticsStats;
import dev.footfall.CacheCounts;
import dev.footfall.DropReason;
import dev.footfall.EventLogStats;
import dev.footfall.Health;
import dev.footfall.JobStats;
import dev.footfall.TimingStats;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /admin/stats}: the numbers of {@link Analytics#stats()} and {@link Analytics#health()}
 * as JSON, for applications without Micrometer. Times are in milliseconds; every drop reason, job
 * and report is present, so that the shape does not change as counts appear.
 */
final class StatsEndpoint {
  private final Analytics analytics;

  StatsEndpoint(Analytics analytics) {
    this.analytics = analytics;
  }

  Map<String, Object> read() {
    AnalyticsStats stats = analytics.stats();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("received", stats.received());
    body.put("accepted", stats.accepted());
    body.put("stored", stats.stored());
    body.put("pending", stats.pending());
    Map<String, Long> dropped = new LinkedHashMap<>();
    for (DropReason reason : DropReason.values()) {
      dropped.put(reason.name().toLowerCase(Locale.ROOT), stats.dropped(reason));
    }
    body.put("dropped", dropped);
    body.put("dropped_total", stats.droppedTotal());
    body.put("queue_depth", stats.queueDepth());
    body.put("sessions_evicted", stats.sessionsEvicted());
    Map<String, Object> writer = new LinkedHashMap<>();
    writer.put("lag_ms", millis(stats.writerLag()));
    writer.put("batches", timing(stats.batchWrites()));
    writer.put("failures", stats.storageFailures());
    body.put("writer", writer);
    Map<String, Object> jobs = new LinkedHashMap<>();
    stats.jobs().forEach((job, run) -> jobs.put(job.key(), job(run)));
    body.put("jobs", jobs);
    Map<String, Object> tasks = new LinkedHashMap<>();
    stats.tasks().forEach((task, run) -> tasks.put(task, job(run)));
    body.put("tasks", tasks);
    Map<String, Object> reports = new LinkedHashMap<>();
    stats.reports().forEach((report, timing) -> reports.put(report, timing(timing)));
    body.put("reports", reports);
    Map<String, Object> caches = new LinkedHashMap<>();
    stats.caches().forEach((cache, counts) -> caches.put(cache, cache(counts)));
    body.put("caches", caches);
    body.put("event_log", stats.eventLog().map(StatsEndpoint::eventLog).orElse(null));
    body.put("health", health(analytics.health()));
    return body;
  }

  private static Map<String, Object> timing(TimingStats timing) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("count", timing.count());
    json.put("time_ms", millis(timing.total()));
    return json;
  }

  private static Map<String, Object> job(JobStats run) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("runs", run.runs());
    json.put("failures", run.failures());
    json.put("time_ms", millis(run.time()));
    return json;
  }

  private static Map<String, Object> cache(CacheCounts counts) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("size", counts.size());
    json.put("hits", counts.hits());
    json.put("misses", counts.misses());
    json.put("evictions", counts.evictions());
    json.put("hit_rate", counts.hitRate());
    return json;
  }

  private static Map<String, Object> eventLog(EventLogStats log) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("appended", log.appended());
    json.put("consumed", log.consumed());
    json.put("lag", log.lag());
    json.put("partitions", log.partitions());
    json.put("reachable", log.reachable());
    return json;
  }

  private static Map<String, Object> health(Health health) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("healthy", health.healthy());
    json.put("storage_reachable", health.storageReachable());
    json.put("writer_stalled", health.writerStalled());
    json.put("event_log_reachable", health.eventLogReachable().orElse(null));
    json.put("problem", health.problem());
    return json;
  }

  /** Milliseconds, to the microsecond. */
  private static double millis(Duration duration) {
    return duration.toNanos() / 1_000L / 1_000.0;
  }
}
