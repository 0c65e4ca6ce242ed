package dev.footfall.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.footfall.Analytics;
import dev.footfall.DropReason;
import dev.footfall.ErrorListener;
import dev.footfall.EventLogStats;
import dev.footfall.Job;
import dev.footfall.ReportQuery;
import dev.footfall.RequestContext;
import dev.footfall.ScheduledTask;
import dev.footfall.Site;
import dev.footfall.TrackRequest;
import dev.footfall.memory.InMemoryStorage;
import dev.footfall.spi.EventLog;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class FootfallMetricsTest {
  private static final String CHROME = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"
      + " (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
  private static final Duration WAIT = Duration.ofMinutes(3);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final List<Analytics> opened = new ArrayList<>();

  @AfterEach
  void closeAll() {
    opened.forEach(Analytics::close);
  }

  private Analytics open(Analytics.Builder builder) {
    Analytics analytics = builder.build();
    opened.add(analytics);
    analytics.sites().save(Site.of("shop", "shop.example", ZoneId.of("UTC"), "Shop",
        Instant.parse("2026-01-01T00:00:00Z")));
    return analytics;
  }

  private static TrackRequest pageview(String site, String path, String userAgent) {
    return TrackRequest.pageview(site, "https://shop.example" + path)
        .context(RequestContext.of("203.0.113.7", userAgent)).build();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  @Test
  void bindTo_meteredCountsFollowTheStats() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    new FootfallMetrics(analytics, Tags.of("app", "shop")).bindTo(registry);

    for (int i = 0; i < 3; i++) {
      analytics.tracker().track(pageview("shop", "/" + i, CHROME));
    }
    analytics.tracker().track(pageview("nowhere", "/", CHROME));
    analytics.tracker().track(pageview("shop", "/", "curl/8.5.0"));
    assertThat(analytics.flush(WAIT)).isTrue();
    analytics.reports().aggregate(ReportQuery.builder("shop").build());
    analytics.jobs().run(Job.FINALIZE_SESSIONS);

    assertThat(counter("footfall.events.received")).isEqualTo(5);
    assertThat(counter("footfall.events.accepted")).isEqualTo(4);
    assertThat(counter("footfall.events.stored")).isEqualTo(3);
    assertThat(counter("footfall.events.dropped", "reason", "unknown_site")).isEqualTo(1);
    assertThat(counter("footfall.events.dropped", "reason", "bot")).isEqualTo(1);
    assertThat(counter("footfall.events.dropped", "reason", "buffer_full")).isZero();
    assertThat(registry.get("footfall.events.pending").gauge().value()).isZero();
    assertThat(registry.get("footfall.buffer.depth").gauge().value()).isZero();
    assertThat(registry.get("footfall.writer.lag").timeGauge().value(TimeUnit.SECONDS)).isZero();

    FunctionTimer writes = registry.get("footfall.writer.batches").functionTimer();
    assertThat(writes.count()).isEqualTo(analytics.stats().batchWrites().count()).isPositive();
    assertThat(writes.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    FunctionTimer aggregate =
        registry.get("footfall.reports").tags("report", "aggregate").functionTimer();
    assertThat(aggregate.count()).isEqualTo(1);
    assertThat(registry.get("footfall.reports").tags("report", "funnel").functionTimer().count())
        .isZero();
    assertThat(registry.get("footfall.jobs").tags("job", "finalize_sessions").functionTimer()
        .count()).isEqualTo(1);
    assertThat(counter("footfall.jobs.failures", "job", "finalize_sessions")).isZero();
    // Micrometer's cache meters: the bot's User-Agent and Chrome's were classified once each.
    assertThat(registry.get("cache.gets").tags("cache", "footfall.user_agents", "result", "miss")
        .functionCounter().count()).isEqualTo(2);
    assertThat(registry.get("cache.gets").tags("cache", "footfall.user_agents", "result", "hit")
        .functionCounter().count()).isEqualTo(2);

    assertThat(registry.getMeters()).allSatisfy(meter ->
        assertThat(meter.getId().getTag("app")).isEqualTo("shop"));
    assertThat(registry.find("footfall.log.lag").meters()).isEmpty();
  }

  @Test
  void bindTo_everyDropReasonHasItsMeterFromTheStart() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create()));
    new FootfallMetrics(analytics).bindTo(registry);

    List<String> reasons = registry.find("footfall.events.dropped").functionCounters().stream()
        .map(counter -> counter.getId().getTag("reason")).toList();
    assertThat(reasons).hasSize(DropReason.values().length).contains("buffer_full",
        "log_unavailable", "storage_failure");
    assertThat(registry.find("footfall.jobs").functionTimers()).hasSize(Job.values().length);
    assertThat(registry.getMeters()).extracting(Meter::getId)
        .allSatisfy(id -> assertThat(id.getName()).matches("(footfall|cache)\\.[a-z_.]+"));
  }

  @Test
  void bindTo_tasksHaveTheirMeters() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create())
        .task(ScheduledTask.of("email-reports", Duration.ofDays(1), running -> "done")));
    new FootfallMetrics(analytics).bindTo(registry);

    analytics.jobs().runTask("email-reports");

    assertThat(registry.get("footfall.tasks").tags("task", "email-reports").functionTimer()
        .count()).isEqualTo(1);
    assertThat(counter("footfall.tasks.failures", "task", "email-reports")).isZero();
  }

  @Test
  void bindTo_clusterModeAddsTheEventLogsMeters() {
    Analytics analytics = open(Analytics.builder().storage(InMemoryStorage.create())
        .eventLog(new FixedEventLog(new EventLogStats(7, 2, 5, 3, true))));
    new FootfallMetrics(analytics).bindTo(registry);

    FunctionCounter appended = registry.get("footfall.log.appended").functionCounter();
    assertThat(appended.count()).isEqualTo(7);
    assertThat(counter("footfall.log.consumed")).isEqualTo(5);
    assertThat(registry.get("footfall.log.lag").gauge().value()).isEqualTo(3);
    assertThat(registry.get("footfall.log.partitions").gauge().value()).isEqualTo(2);
    assertThat(registry.get("footfall.log.reachable").gauge().value()).isEqualTo(1);
  }

  /** An event log that takes every event at once and reports fixed counters. */
  private record FixedEventLog(EventLogStats stats) implements EventLog {
    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public int partitionOf(String siteId, long visitorId) {
      return 0;
    }

    @Override
    public void start(Ingest ingest, ErrorListener errors) {}

    @Override
    public void append(Entry entry, Consumer<Optional<DropReason>> outcome) {
      outcome.accept(Optional.empty());
    }

    @Override
    public boolean flush(Duration timeout) {
      return true;
    }

    @Override
    public void close() {}
  }
}
